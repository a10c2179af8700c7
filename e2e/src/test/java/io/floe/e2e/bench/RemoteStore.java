package io.floe.e2e.bench;

import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.broker.RemoteStoragePlugin;
import io.floe.e2e.floe.FloeDistribution;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.StreamSupport;

/** A remote storage manager the benchmark compares, and what the files it keeps are. */
enum RemoteStore {
  /** Floe on the embedded default: a SQLite catalog and the tables' files in a local warehouse. */
  FLOE("Floe") {
    @Override
    RemoteStoragePlugin plugin(KafkaDistribution kafka, Path dir, Map<String, String> floeSettings) {
      return FloeDistribution.built().withWarehouse(dir, floeSettings);
    }

    @Override
    String kindOf(Path file) {
      String name = file.getFileName().toString();
      if (file.startsWith("_floe")) {
        return "segment manifests";
      }
      if (name.startsWith("floe-catalog.db")) {
        return "SQLite catalog";
      }
      if (name.endsWith(".parquet")) {
        return "Parquet data files";
      }
      boolean underMetadata = StreamSupport.stream(file.spliterator(), false)
          .anyMatch(part -> part.toString().equals("metadata"));
      return underMetadata ? "Iceberg metadata" : "other";
    }
  },

  /** Kafka's reference implementation: each segment and its indexes copied as files. */
  LOCAL_TIERED_STORAGE("LocalTieredStorage") {
    @Override
    RemoteStoragePlugin plugin(KafkaDistribution kafka, Path dir, Map<String, String> floeSettings) {
      return RemoteStoragePlugin.localTieredStorage(kafka, dir);
    }

    @Override
    String kindOf(Path file) {
      return file.getFileName().toString().endsWith(".log") ? "segment files" : "indexes and snapshots";
    }
  };

  private final String label;

  RemoteStore(String label) {
    this.label = label;
  }

  /**
   * The plugin a broker loads to keep its remote data under {@code dir}, Floe with
   * {@code floeSettings} (the workload's: a schema registry, or values kept raw).
   */
  abstract RemoteStoragePlugin plugin(KafkaDistribution kafka, Path dir, Map<String, String> floeSettings);

  /** What a file of the remote data is, by its path relative to the store's directory. */
  abstract String kindOf(Path file);

  @Override
  public String toString() {
    return label;
  }
}
