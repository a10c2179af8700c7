package io.floe.writer.data;

import static io.floe.translator.table.KafkaColumns.KAFKA;
import static io.floe.translator.table.KafkaColumns.TIMESTAMP;
import static io.floe.translator.table.KafkaColumns.TIMESTAMP_COLUMN;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;

/**
 * The table partition of rows, found once for a whole batch when it can be: with the table's
 * default spec (the day of {@code _kafka.timestamp}) a batch's rows nearly always share their day,
 * and Iceberg's time transforms, through {@code OffsetDateTime}, cost more per row than the rest
 * of choosing a row's file.
 *
 * <p>When every field of the spec is an order-preserving transform of the timestamp (year, month,
 * day, hour, identity), a row whose timestamp lies between those of two rows of one partition is in
 * that partition too: so if a batch's earliest and latest rows share a partition, all its rows do.
 */
final class BatchPartitions {
  private final PartitionKey key;
  private final InternalRecordWrapper wrapper;
  /** Whether the spec's partition depends only on the timestamp, never against its order. */
  private final boolean byTimestamp;

  BatchPartitions(PartitionSpec spec, Schema schema) {
    this.key = new PartitionKey(spec, schema);
    this.wrapper = new InternalRecordWrapper(schema.asStruct());
    int timestampId = schema.findField(TIMESTAMP_COLUMN).fieldId();
    this.byTimestamp = spec.fields().stream()
        .allMatch(field -> field.sourceId() == timestampId && field.transform().preservesOrder());
  }

  /** The partition all {@code records} (a batch's rows, at least one) are in, or empty if they may be in several. */
  Optional<PartitionKey> common(List<Record> records) {
    if (!byTimestamp) {
      return Optional.empty();
    }
    Record earliest = records.get(0);
    Record latest = earliest;
    OffsetDateTime min = timestampOf(earliest);
    OffsetDateTime max = min;
    for (Record record : records) {
      OffsetDateTime at = timestampOf(record);
      if ((at == null) != (min == null)) {
        return Optional.empty();
      }
      if (at != null && at.isBefore(min)) {
        min = at;
        earliest = record;
      } else if (at != null && at.isAfter(max)) {
        max = at;
        latest = record;
      }
    }
    PartitionKey low = of(earliest).copy();
    return low.equals(of(latest)) ? Optional.of(low) : Optional.empty();
  }

  /** The partition of one record; the key returned is overwritten by the next call. */
  PartitionKey of(Record record) {
    key.partition(wrapper.wrap(record));
    return key;
  }

  private static OffsetDateTime timestampOf(Record record) {
    return (OffsetDateTime) ((Record) record.getField(KAFKA)).getField(TIMESTAMP);
  }
}
