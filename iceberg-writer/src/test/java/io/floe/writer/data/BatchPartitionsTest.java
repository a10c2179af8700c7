package io.floe.writer.data;

import static io.floe.translator.table.KafkaColumns.KAFKA;
import static io.floe.translator.table.KafkaColumns.KEY;
import static io.floe.translator.table.KafkaColumns.SCHEMA;
import static io.floe.translator.table.KafkaColumns.TIMESTAMP;
import static io.floe.translator.table.KafkaColumns.TIMESTAMP_COLUMN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.writer.table.KafkaTableLayout;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;

/** A batch's rows share one partition only where that follows from the spec and their timestamps. */
class BatchPartitionsTest {
  private static final OffsetDateTime NOON = OffsetDateTime.parse("2026-01-01T12:00:00Z");

  @Test
  void rowsOfOneDayShareTheDayOfTheDefaultSpec() {
    BatchPartitions partitions = new BatchPartitions(KafkaTableLayout.spec(SCHEMA), SCHEMA);
    List<Record> batch = List.of(row(NOON), row(NOON.minusHours(11)), row(NOON.plusHours(11)), row(NOON));

    Optional<PartitionKey> common = partitions.common(batch);

    assertTrue(common.isPresent());
    assertEquals(partitions.of(batch.get(1)), common.get());
  }

  @Test
  void rowsAcrossMidnightAreEachPartitionedAlone() {
    BatchPartitions partitions = new BatchPartitions(KafkaTableLayout.spec(SCHEMA), SCHEMA);

    // The earliest and latest rows are in the middle: the batch's order is not its timestamps'.
    assertEquals(Optional.empty(), partitions.common(List.of(row(NOON), row(NOON.plusHours(13)), row(NOON.minusHours(1)))));
  }

  @Test
  void rowsWithAndWithoutATimestampAreEachPartitionedAlone() {
    BatchPartitions partitions = new BatchPartitions(KafkaTableLayout.spec(SCHEMA), SCHEMA);

    assertEquals(Optional.empty(), partitions.common(List.of(row(NOON), row(null))));
    assertTrue(partitions.common(List.of(row(null), row(null))).isPresent());
  }

  @Test
  void aSpecOnMoreThanTheTimestampPartitionsEachRow() {
    PartitionSpec byKey = PartitionSpec.builderFor(SCHEMA).day(TIMESTAMP_COLUMN).bucket(KAFKA + "." + KEY, 4).build();
    PartitionSpec byBucketedTime = PartitionSpec.builderFor(SCHEMA).bucket(TIMESTAMP_COLUMN, 4).build();

    assertEquals(Optional.empty(), new BatchPartitions(byKey, SCHEMA).common(List.of(row(NOON), row(NOON))));
    assertEquals(Optional.empty(), new BatchPartitions(byBucketedTime, SCHEMA).common(List.of(row(NOON), row(NOON))));
  }

  @Test
  void anUnpartitionedTableHasOnePartitionForAnyBatch() {
    BatchPartitions partitions = new BatchPartitions(PartitionSpec.unpartitioned(), SCHEMA);

    assertTrue(partitions.common(List.of(row(NOON), row(NOON.plusDays(3)))).isPresent());
  }

  private static Record row(OffsetDateTime timestamp) {
    GenericRecord kafka = GenericRecord.create(SCHEMA.findField(KAFKA).type().asStructType());
    kafka.setField(TIMESTAMP, timestamp);
    kafka.setField(KEY, ByteBuffer.wrap(new byte[] {1}));
    GenericRecord row = GenericRecord.create(SCHEMA);
    row.setField(KAFKA, kafka);
    return row;
  }
}
