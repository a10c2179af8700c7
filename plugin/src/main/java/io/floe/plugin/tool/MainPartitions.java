package io.floe.plugin.tool;

import io.floe.translator.table.KafkaColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * What the analyst view, {@code main}, holds of each Kafka partition, from the table's metadata
 * only: its data files, their row counts less the rows its position delete files remove, and the
 * highest offset their column bounds show. No data file is read. Each of Floe's data files holds
 * rows of one Kafka partition; a file without bounds for {@code _kafka.partition} (written by
 * another engine without metrics) is counted under partition -1.
 */
record MainPartitions(Map<Integer, Partition> byPartition) {
  static final int UNKNOWN = -1;

  /** One Kafka partition in {@code main}. */
  record Partition(long dataFiles, long rows, long deletedRows, OptionalLong lastOffset) {
    long liveRows() {
      return rows - deletedRows;
    }
  }

  Optional<Partition> of(int partition) {
    return Optional.ofNullable(byPartition.get(partition));
  }

  static MainPartitions of(Table table) {
    if (table.refs().get(SnapshotRef.MAIN_BRANCH) == null) {
      return new MainPartitions(Map.of());
    }
    Types.NestedField partitionField = table.schema().findField(KafkaColumns.KAFKA + "." + KafkaColumns.PARTITION);
    Types.NestedField offsetField = table.schema().findField(KafkaColumns.KAFKA + "." + KafkaColumns.OFFSET);
    Map<Integer, Counts> counts = new HashMap<>();
    Set<String> seen = new HashSet<>();
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useRef(SnapshotRef.MAIN_BRANCH).includeColumnStats().planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile file = task.file();
        if (!seen.add(file.location())) {
          continue;
        }
        Integer partition = bound(file, partitionField, true);
        Counts partitionCounts = counts.computeIfAbsent(partition == null ? UNKNOWN : partition, p -> new Counts());
        partitionCounts.add(file, bound(file, offsetField, false));
        task.deletes().forEach(partitionCounts::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<Integer, Partition> byPartition = new HashMap<>();
    counts.forEach((partition, c) -> byPartition.put(partition, c.partition()));
    return new MainPartitions(byPartition);
  }

  @SuppressWarnings("unchecked")
  private static <T> T bound(ContentFile<?> file, Types.NestedField field, boolean lower) {
    if (field == null) {
      return null;
    }
    Map<Integer, ByteBuffer> bounds = lower ? file.lowerBounds() : file.upperBounds();
    ByteBuffer value = bounds == null ? null : bounds.get(field.fieldId());
    return value == null ? null : (T) Conversions.fromByteBuffer(field.type(), value);
  }

  private static final class Counts {
    private long files;
    private long rows;
    private long deleted;
    private Long lastOffset;
    private final Set<String> deleteFiles = new HashSet<>();

    void add(DataFile file, Long upperOffset) {
      files++;
      rows += file.recordCount();
      if (upperOffset != null && (lastOffset == null || upperOffset > lastOffset)) {
        lastOffset = upperOffset;
      }
    }

    void add(DeleteFile delete) {
      if (deleteFiles.add(delete.location())) {
        deleted += delete.recordCount();
      }
    }

    Partition partition() {
      return new Partition(files, rows, deleted, lastOffset == null ? OptionalLong.empty() : OptionalLong.of(lastOffset));
    }
  }
}
