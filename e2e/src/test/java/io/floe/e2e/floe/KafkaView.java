package io.floe.e2e.floe;

import io.floe.plugin.storage.LocalFileIO;
import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.segment.AbortedTransaction;
import io.floe.translator.segment.TransactionIndex;
import io.floe.translator.table.KafkaColumns;
import io.floe.writer.commit.KafkaViewBranch;
import io.floe.writer.commit.RetiredFiles;
import io.floe.writer.maintenance.CompactMainFiles;
import io.floe.writer.manifest.ManifestStore;
import io.floe.writer.repoint.KafkaViewRepointing;
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
import java.util.stream.StreamSupport;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.kafka.common.TopicPartition;

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
    return filesBySegment(new LocalFileIO(), warehouse.toUri() + "_floe/manifests", topic);
  }

  /** The same, for manifests under {@code manifestPrefix}, read through {@code io} (an object store's). */
  public static Map<String, Set<String>> filesBySegment(FileIO io, String manifestPrefix, String topic) {
    ManifestStore store = new ManifestStore(io, manifestPrefix);
    Map<String, Set<String>> files = new TreeMap<>();
    for (SegmentRef segment : store.segments(topic)) {
      // a manifest deleted between the listing and the read is a segment Kafka deleted: not in the view
      store.read(segment).map(manifest -> (SegmentManifest) manifest).ifPresent(manifest -> files.put(
          segment.segmentId(), manifest.files().stream().map(DataFileRef::location).collect(Collectors.toCollection(TreeSet::new))));
    }
    return files;
  }

  /**
   * The aborted transactions in the transaction index Floe keeps and serves for each segment of
   * {@code topic}, by segment id: the broker's entries and those Floe added (the aborts the broker's
   * index left out).
   */
  public static Map<String, List<AbortedTransaction>> abortsBySegment(Path warehouse, String topic) {
    ManifestStore store = new ManifestStore(new LocalFileIO(), warehouse.toUri() + "_floe/manifests");
    Map<String, List<AbortedTransaction>> aborts = new TreeMap<>();
    for (SegmentRef segment : store.segments(topic)) {
      store.read(segment).map(manifest -> ((SegmentManifest) manifest).indexes().transactionIndex())
          .ifPresent(index -> aborts.put(segment.segmentId(),
              index.map(TransactionIndex::abortedTransactions).orElse(List.of())));
    }
    return aborts;
  }

  /**
   * The segment manifests of {@code topic} whose whole segment lies before its partition's offset
   * in {@code logStart}: segments Kafka's retention deleted, their manifests left behind.
   */
  public static Set<String> manifestsBefore(Path warehouse, String topic, Map<TopicPartition, Long> logStart) {
    ManifestStore store = new ManifestStore(new LocalFileIO(), warehouse.toUri() + "_floe/manifests");
    Set<String> left = new TreeSet<>();
    for (SegmentRef listed : store.segments(topic)) {
      store.read(listed).map(manifest -> ((SegmentManifest) manifest).segment())
          .filter(segment -> segment.endOffset() < logStart.get(new TopicPartition(topic, segment.partition())))
          .ifPresent(segment -> left.add(segment.toString()));
    }
    return left;
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

  /**
   * How many data files of {@code main}'s current snapshot of {@code kafka.<table>} hold rows of each
   * Kafka partition, by its column metrics (a file of several Kafka partitions counts for each).
   */
  public static Map<Integer, Integer> mainFilesPerKafkaPartition(Path warehouse, String table) {
    return WarehouseCatalog.withTable(warehouse, table, t -> {
      int partitionField = t.schema().findField(KafkaColumns.KAFKA + "." + KafkaColumns.PARTITION).fieldId();
      Map<Integer, Integer> files = new TreeMap<>();
      try (CloseableIterable<FileScanTask> tasks = t.newScan().includeColumnStats().planFiles()) {
        for (FileScanTask task : tasks) {
          int lower = Conversions.fromByteBuffer(Types.IntegerType.get(), task.file().lowerBounds().get(partitionField));
          int upper = Conversions.fromByteBuffer(Types.IntegerType.get(), task.file().upperBounds().get(partitionField));
          for (int partition = lower; partition <= upper; partition++) {
            files.merge(partition, 1, Integer::sum);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return files;
    });
  }

  /** How many of the snapshots of {@code main} of {@code kafka.<table>} (its current one and its ancestors) are Floe's compactions. */
  public static long floeCompactionsOfMain(Path warehouse, String table) {
    return WarehouseCatalog.withTable(warehouse, table, t -> StreamSupport.stream(
            SnapshotUtil.ancestorsOf(t.currentSnapshot().snapshotId(), t::snapshot).spliterator(), false)
        .filter(snapshot -> DataOperations.REPLACE.equals(snapshot.operation())
            && CompactMainFiles.OPERATION.equals(snapshot.summary().get(KafkaViewRepointing.OPERATION)))
        .count());
  }

  /**
   * The data files the newest compaction of {@code main} of {@code kafka.<table>} (its newest
   * replace snapshot) took out and put in: exactly those, whatever uploads committed around it.
   */
  public static Compaction lastCompactionOfMain(Path warehouse, String table) {
    return WarehouseCatalog.withTable(warehouse, table, t -> {
      Snapshot replace = StreamSupport.stream(
              SnapshotUtil.ancestorsOf(t.currentSnapshot().snapshotId(), t::snapshot).spliterator(), false)
          .filter(snapshot -> DataOperations.REPLACE.equals(snapshot.operation())).findFirst()
          .orElseThrow(() -> new AssertionError("No compaction in the history of main of " + t.name()));
      return new Compaction(locations(replace.removedDataFiles(t.io())), locations(replace.addedDataFiles(t.io())));
    });
  }

  /** What a compaction of {@code main} took out and put in, by location. */
  public record Compaction(Set<String> replaced, Set<String> compacted) {}

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

  private static Set<String> locations(Iterable<DataFile> files) {
    Set<String> locations = new TreeSet<>();
    files.forEach(file -> locations.add(file.location()));
    return locations;
  }

  private static Path localPath(String location) {
    return Path.of(URI.create(location).getPath());
  }
}
