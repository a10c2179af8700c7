package io.floe.e2e.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.e2e.workload.ProducedRecord;
import io.floe.e2e.workload.TransactionOutcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The consumed-records check finds every kind of difference and names where it is. */
class RecordComparisonTest {
  private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  @Test
  void recordsReadBackAsProducedHaveNoDifference() {
    List<ProducedRecord> produced = List.of(produced(0, 0, "a"), produced(0, 1, "b"), produced(1, 0, "c"));

    assertEquals(Optional.empty(), RecordComparison.firstDifference(produced, consumedAsProduced(produced)));
  }

  @Test
  void aMissingRecordIsNamedByItsPartitionAndOffset() {
    List<ProducedRecord> produced = List.of(produced(0, 0, "a"), produced(0, 1, "b"));

    assertEquals(Optional.of("partition 0, offset 1: missing; consumed 1 of 2 records"),
        RecordComparison.firstDifference(produced, consumedAsProduced(produced.subList(0, 1))));
  }

  @Test
  void aRecordThatShouldNotBeReadIsNamedByItsPartitionAndOffset() {
    List<ProducedRecord> produced = List.of(produced(0, 0, "a"), produced(0, 1, "b"));

    assertEquals(Optional.of("partition 0, offset 1: not produced, or not visible at this isolation level; "
            + "consumed 2 records where 1 were expected"),
        RecordComparison.firstDifference(produced.subList(0, 1), consumedAsProduced(produced)));
  }

  @Test
  void aSkippedOrReorderedRecordIsNamedWhereTheOrderBreaks() {
    List<ProducedRecord> produced = List.of(produced(0, 0, "a"), produced(0, 1, "b"), produced(0, 2, "c"));

    assertEquals(Optional.of("partition 0, offset 1: expected next, but consumed partition 0, offset 2"),
        RecordComparison.firstDifference(produced, consumedAsProduced(List.of(produced.get(0), produced.get(2), produced.get(1)))));
  }

  @Test
  void aChangedValueIsShownAsTextWhenItIsText() {
    ProducedRecord record = produced(3, 42, "hello");

    assertEquals(Optional.of("partition 3, offset 42, value: expected 5 bytes \"hello\" but was 5 bytes \"hellO\""),
        RecordComparison.firstDifference(List.of(record), List.of(consumed(record, bytes("hellO"), record.headers()))));
  }

  @Test
  void aChangedBinaryValueIsShownInHex() {
    ProducedRecord record = new ProducedRecord(0, 7, T0, TimestampType.CREATE_TIME, null, new byte[] {0, 1, -1},
        List.of(), TransactionOutcome.NONE);

    assertEquals(Optional.of("partition 0, offset 7, value: expected 3 bytes 0x0001ff but was 3 bytes 0x0001fe"),
        RecordComparison.firstDifference(List.of(record), List.of(consumed(record, new byte[] {0, 1, -2}, record.headers()))));
  }

  @Test
  void aNullValueIsNotAnEmptyOne() {
    ProducedRecord tombstone = new ProducedRecord(0, 5, T0, TimestampType.CREATE_TIME, bytes("k"), null,
        List.of(), TransactionOutcome.NONE);

    assertEquals(Optional.of("partition 0, offset 5, value: expected null but was 0 bytes \"\""),
        RecordComparison.firstDifference(List.of(tombstone), List.of(consumed(tombstone, new byte[0], List.of()))));
  }

  @Test
  void aNullHeaderValueIsNotAnEmptyOne() {
    ProducedRecord record = new ProducedRecord(0, 9, T0, TimestampType.CREATE_TIME, bytes("k"), bytes("v"),
        List.of(new RecordHeader("trace", bytes("t")), new RecordHeader("nothing", (byte[]) null)), TransactionOutcome.NONE);
    List<Header> changed = List.of(new RecordHeader("trace", bytes("t")), new RecordHeader("nothing", new byte[0]));

    assertEquals(Optional.of("partition 0, offset 9, header 1 (nothing) value: expected null but was 0 bytes \"\""),
        RecordComparison.firstDifference(List.of(record), List.of(consumed(record, record.value(), changed))));
  }

  @Test
  void aChangedTimestampTypeIsNamed() {
    ProducedRecord record = produced(0, 0, "a");
    ConsumerRecord<byte[], byte[]> appendTime = new ConsumerRecord<>("topic", 0, 0, T0, TimestampType.LOG_APPEND_TIME,
        1, 1, record.key(), record.value(), new RecordHeaders(), Optional.empty());

    assertEquals(Optional.of("partition 0, offset 0, timestamp type: expected CreateTime but was LogAppendTime"),
        RecordComparison.firstDifference(List.of(record), List.of(appendTime)));
  }

  private static ProducedRecord produced(int partition, long offset, String value) {
    return new ProducedRecord(partition, offset, T0 + offset, TimestampType.CREATE_TIME, bytes("key-" + offset), bytes(value),
        List.of(), TransactionOutcome.NONE);
  }

  private static List<ConsumerRecord<byte[], byte[]>> consumedAsProduced(List<ProducedRecord> records) {
    return records.stream().map(r -> consumed(r, r.value(), r.headers())).toList();
  }

  private static ConsumerRecord<byte[], byte[]> consumed(ProducedRecord record, byte[] value, List<Header> headers) {
    return new ConsumerRecord<>("topic", record.partition(), record.offset(), record.timestamp(), record.timestampType(),
        -1, -1, record.key(), value, new RecordHeaders(headers), Optional.empty());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
