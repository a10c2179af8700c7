package io.floe.writer.maintenance;

import io.floe.translator.table.KafkaColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Which files of {@code main} a compaction rewrites, and into how many: the small ones (under
 * three quarters of the target size, as Iceberg's bin packing counts them) committed before the
 * cut-off, grouped by table partition and Kafka partition, taken in offset order and packed into
 * groups of at most the target size; a group of one file is left as it is.
 *
 * <p>A file is left out when a compaction could not keep its rows exactly or in order: when deletes
 * apply to it (its rows are not all live), when it is not Parquet (fetches read Parquet only), or
 * when its column metrics do not show a single Kafka partition and its offsets.
 */
final class CompactionPlan {
  /** Iceberg's {@code min-file-size-bytes} default: a file this close to the target is not rewritten again. */
  private static final double SMALL_FILE_RATIO = 0.75;

  private CompactionPlan() {}

  private record Candidate(DataFile file, int kafkaPartition, long firstOffset) {}

  static List<CompactionGroup> of(Table table, Snapshot head, long targetBytes, Instant committedBefore) {
    int partitionId = table.schema().findField(KafkaColumns.KAFKA + "." + KafkaColumns.PARTITION).fieldId();
    int offsetId = table.schema().findField(KafkaColumns.KAFKA + "." + KafkaColumns.OFFSET).fieldId();
    NavigableMap<Long, Long> commitTimes = commitTimes(table);
    Map<String, List<Candidate>> byGroup = new LinkedHashMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(head.snapshotId()).includeColumnStats()
        .planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile file = task.file();
        if (!task.deletes().isEmpty() || file.format() != FileFormat.PARQUET
            || file.fileSizeInBytes() >= targetBytes * SMALL_FILE_RATIO
            || !committedBefore(file, commitTimes, committedBefore)) {
          continue;
        }
        Optional<Integer> partition = single(file, partitionId);
        Optional<Long> firstOffset = bound(file.lowerBounds(), offsetId, Types.LongType.get());
        if (partition.isEmpty() || firstOffset.isEmpty()) {
          continue;
        }
        String key = file.specId() + "/" + table.specs().get(file.specId()).partitionToPath(file.partition()) + "/"
            + partition.get();
        byGroup.computeIfAbsent(key, k -> new ArrayList<>())
            .add(new Candidate(file.copyWithoutStats(), partition.get(), firstOffset.get()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot plan the compaction of table " + table.name() + ": " + e.getMessage(), e);
    }
    List<CompactionGroup> groups = new ArrayList<>();
    byGroup.values().forEach(candidates -> pack(table, candidates, targetBytes, groups));
    return groups;
  }

  private static void pack(Table table, List<Candidate> candidates, long targetBytes, List<CompactionGroup> groups) {
    candidates.sort(Comparator.comparingLong(Candidate::firstOffset));
    List<DataFile> files = new ArrayList<>();
    long bytes = 0;
    for (Candidate candidate : candidates) {
      if (!files.isEmpty() && bytes + candidate.file().fileSizeInBytes() > targetBytes) {
        add(table, candidate.kafkaPartition(), files, groups);
        files = new ArrayList<>();
        bytes = 0;
      }
      files.add(candidate.file());
      bytes += candidate.file().fileSizeInBytes();
    }
    add(table, candidates.get(0).kafkaPartition(), files, groups);
  }

  private static void add(Table table, int kafkaPartition, List<DataFile> files, List<CompactionGroup> groups) {
    if (files.size() > 1) {
      DataFile first = files.get(0);
      groups.add(new CompactionGroup(table.specs().get(first.specId()), first.partition(), kafkaPartition,
          List.copyOf(files)));
    }
  }

  /**
   * When each sequence number was committed, as far as the table's snapshots still show it. A file
   * whose snapshot has expired was committed before the oldest snapshot of a later sequence number:
   * its time is taken as that one's, later than it really was, so never too early for the cut-off.
   */
  private static NavigableMap<Long, Long> commitTimes(Table table) {
    NavigableMap<Long, Long> times = new TreeMap<>();
    for (Snapshot snapshot : table.snapshots()) {
      times.merge(snapshot.sequenceNumber(), snapshot.timestampMillis(), Math::max);
    }
    return times;
  }

  private static boolean committedBefore(DataFile file, NavigableMap<Long, Long> commitTimes, Instant cutoff) {
    Long sequence = file.fileSequenceNumber();
    Map.Entry<Long, Long> committed = sequence == null ? null : commitTimes.ceilingEntry(sequence);
    return committed != null && committed.getValue() < cutoff.toEpochMilli();
  }

  private static Optional<Integer> single(DataFile file, int fieldId) {
    Optional<Integer> lower = bound(file.lowerBounds(), fieldId, Types.IntegerType.get());
    Optional<Integer> upper = bound(file.upperBounds(), fieldId, Types.IntegerType.get());
    return lower.isPresent() && lower.equals(upper) ? lower : Optional.empty();
  }

  private static <T> Optional<T> bound(Map<Integer, ByteBuffer> bounds, int fieldId, Type.PrimitiveType type) {
    ByteBuffer bound = bounds == null ? null : bounds.get(fieldId);
    return bound == null ? Optional.empty() : Optional.of(Conversions.fromByteBuffer(type, bound));
  }
}
