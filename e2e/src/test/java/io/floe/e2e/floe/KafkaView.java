package io.floe.e2e.floe;

import io.floe.plugin.storage.LocalFileIO;
import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.commit.KafkaViewBranch;
import io.floe.writer.commit.RetiredFiles;
import io.floe.writer.manifest.ManifestStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * A topic's Kafka view in the embedded default's warehouse, read as the broker's fetches read it:
 * each tiered segment's manifest and the data files it lists; and the table's refs as Floe keeps
 * them (its {@code floe} branch, {@code main}).
 */
public final class KafkaView {
  private KafkaView() {}

  /** The data files each segment manifest of {@code topic} lists now, by segment id. */
  public static Map<String, Set<String>> filesBySegment(Path warehouse, String topic) {
    // where the embedded default keeps manifests (FloeConfig.manifestPrefix): beside the tables
    ManifestStore store = new ManifestStore(new LocalFileIO(), warehouse.toUri() + "_floe/manifests");
    Map<String, Set<String>> files = new TreeMap<>();
    for (SegmentRef segment : store.segments(topic)) {
      // a manifest deleted between the listing and the read is a segment Kafka deleted: not in the view
      store.read(segment).map(manifest -> (SegmentManifest) manifest).ifPresent(manifest -> files.put(
          segment.segmentId(), manifest.files().stream().map(DataFileRef::location).collect(Collectors.toCollection(TreeSet::new))));
    }
    return files;
  }

  /** The segments of {@code view} (as {@link #filesBySegment}) whose manifests list at least one of {@code files}. */
  public static Set<String> segmentsListingAny(Map<String, Set<String>> view, Set<String> files) {
    return view.entrySet().stream().filter(segment -> !Collections.disjoint(segment.getValue(), files))
        .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
  }

  /** The files some segment manifest of {@code topic} lists that are not in the store. */
  public static Set<String> missingFiles(Path warehouse, String topic) {
    return filesBySegment(warehouse, topic).values().stream().flatMap(Set::stream)
        .filter(location -> !Files.exists(localPath(location))).collect(Collectors.toCollection(TreeSet::new));
  }

  /** The data files of {@code main}'s current snapshot of {@code kafka.<table>}. */
  public static Set<String> mainFiles(Path warehouse, String table) {
    return WarehouseCatalog.withTable(warehouse, table, t -> files(t, t.currentSnapshot()));
  }

  /** The data files of the head of Floe's branch of {@code kafka.<table>}: every file a fetch may read. */
  public static Set<String> branchFiles(Path warehouse, String table) {
    return WarehouseCatalog.withTable(warehouse, table,
        t -> files(t, t.snapshot(t.refs().get(KafkaViewBranch.NAME).snapshotId())));
  }

  /** Bytes of the data files {@code main}'s current snapshot or the head of Floe's branch lists, each file once. */
  public static long referencedDataBytes(Path warehouse, String table) {
    return WarehouseCatalog.withTable(warehouse, table, t -> {
      Map<String, Long> sizes = new TreeMap<>();
      for (long snapshot : List.of(t.currentSnapshot().snapshotId(), t.refs().get(KafkaViewBranch.NAME).snapshotId())) {
        try (CloseableIterable<FileScanTask> tasks = t.newScan().useSnapshot(snapshot).planFiles()) {
          tasks.forEach(task -> sizes.put(task.file().location(), task.file().fileSizeInBytes()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return sizes.values().stream().mapToLong(Long::longValue).sum();
    });
  }

  /** The files Floe retired from its branch of {@code kafka.<table>} (no manifest lists them), with when. */
  public static Map<String, Instant> retiredFiles(Path warehouse, String table) {
    return WarehouseCatalog.withTable(warehouse, table, t -> RetiredFiles.of(t).since());
  }

  /** Bytes of the Parquet files under the table's data location: what the table stores, whatever references them. */
  public static long storedDataBytes(Path warehouse, String table) {
    Path data = localPath(WarehouseCatalog.withTable(warehouse, table, Table::location)).resolve("data");
    try (var files = Files.walk(data)) {
      return files.filter(file -> file.toString().endsWith(".parquet")).mapToLong(file -> {
        try {
          return Files.size(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the data files under " + data, e);
    }
  }

  private static Set<String> files(Table table, Snapshot snapshot) {
    Set<String> files = new TreeSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
      tasks.forEach(task -> files.add(task.file().location()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static Path localPath(String location) {
    return Path.of(URI.create(location).getPath());
  }
}
