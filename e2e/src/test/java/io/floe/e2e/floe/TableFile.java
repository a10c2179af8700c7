package io.floe.e2e.floe;

import io.floe.translator.table.KafkaColumns;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * A data file of a topic's table, as its column metrics describe it: where it is in the table's
 * partitioning, which Kafka partitions and offsets its rows have, and how old its oldest row is.
 * An upload's file holds one Kafka partition; a compaction's may hold several.
 *
 * @param tablePartition the file's partition in its spec, as a path ({@code _kafka.timestamp_day=2026-12-07})
 * @param firstKafkaPartition the lowest {@code _kafka.partition} of its rows
 * @param lastKafkaPartition the highest
 * @param lastOffset the highest {@code _kafka.offset} of its rows, of whichever Kafka partition
 * @param oldestRow the earliest {@code _kafka.timestamp} of its rows
 */
public record TableFile(String location, String tablePartition, int firstKafkaPartition, int lastKafkaPartition,
    long lastOffset, Instant oldestRow, long bytes) {

  /** The file as {@code table}'s schema names its columns; {@code file} must carry its column metrics. */
  public static TableFile of(Table table, DataFile file) {
    int partitionField = fieldId(table, KafkaColumns.PARTITION);
    int offsetField = fieldId(table, KafkaColumns.OFFSET);
    int timestampField = fieldId(table, KafkaColumns.TIMESTAMP);
    long oldestMicros = bound(file, file.lowerBounds(), timestampField, Types.TimestampType.withZone());
    return new TableFile(file.location(), table.specs().get(file.specId()).partitionToPath(file.partition()),
        bound(file, file.lowerBounds(), partitionField, Types.IntegerType.get()),
        bound(file, file.upperBounds(), partitionField, Types.IntegerType.get()),
        bound(file, file.upperBounds(), offsetField, Types.LongType.get()),
        Instant.EPOCH.plus(oldestMicros, ChronoUnit.MICROS), file.fileSizeInBytes());
  }

  /** Whether every row of the file is of one Kafka partition, so that its last offset is that partition's. */
  public boolean holdsOneKafkaPartition() {
    return firstKafkaPartition == lastKafkaPartition;
  }

  private static int fieldId(Table table, String kafkaField) {
    return table.schema().findField(KafkaColumns.KAFKA + "." + kafkaField).fieldId();
  }

  private static <T> T bound(DataFile file, Map<Integer, ByteBuffer> bounds, int fieldId, Type type) {
    ByteBuffer bound = bounds == null ? null : bounds.get(fieldId);
    if (bound == null) {
      throw new IllegalStateException("Cannot describe data file " + file.location() + ": it has no bound for field "
          + fieldId + " (were its column metrics read?)");
    }
    return Conversions.fromByteBuffer(type, bound);
  }
}
