package io.floe.plugin.tool;

import io.floe.writer.commit.KafkaViewBranch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The files a table's metadata references, read from its Iceberg manifests only: the data files in
 * the head of the Kafka view's branch ({@code floe}), and every data and delete file any snapshot
 * still holds (what Iceberg's own orphan-file removal keeps). Locations are compared as
 * {@link Locations#canonical} gives them.
 */
record TableFiles(Set<String> inKafkaView, Set<String> inAnySnapshot, String dataLocation) {

  static TableFiles of(Table table) {
    return new TableFiles(kafkaView(table), anySnapshot(table), dataLocation(table));
  }

  /** Where the table's data files go: {@code write.data.path}, or {@code <location>/data}. */
  static String dataLocation(Table table) {
    String configured = table.properties().get(TableProperties.WRITE_DATA_LOCATION);
    String location = configured != null ? configured : table.location() + "/data";
    return location.endsWith("/") ? location : location + "/";
  }

  private static Set<String> kafkaView(Table table) {
    Set<String> files = new HashSet<>();
    if (table.refs().get(KafkaViewBranch.NAME) == null) {
      return files;
    }
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useRef(KafkaViewBranch.NAME).planFiles()) {
      tasks.forEach(task -> files.add(Locations.canonical(task.file().location())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static Set<String> anySnapshot(Table table) {
    Set<String> files = new HashSet<>();
    Set<String> manifestsRead = new HashSet<>();
    for (Snapshot snapshot : table.snapshots()) {
      for (ManifestFile manifest : snapshot.allManifests(table.io())) {
        if (manifestsRead.add(manifest.path())) {
          switch (manifest.content()) {
            case DATA -> addAll(ManifestFiles.read(manifest, table.io(), table.specs()), files);
            case DELETES -> addAll(ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs()), files);
          }
        }
      }
    }
    return files;
  }

  private static <F extends ContentFile<F>> void addAll(ManifestReader<F> reader, Set<String> files) {
    try (ManifestReader<F> entries = reader) {
      entries.forEach(file -> files.add(Locations.canonical(file.location())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
