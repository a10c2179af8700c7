package io.floe.writer;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.apache.kafka.common.record.internal.SimpleRecord;

/**
 * Records for the segments these tests write with Kafka's code, shaped as the translator's tests
 * shape them ({@code SegmentRoundTripTest}'s helpers are not visible outside its package).
 */
final class SampleRecords {
  /** 2026-01-01T00:00:00Z. */
  static final long T0 = 1_767_225_600_000L;

  private SampleRecords() {}

  /** {@code count} records from {@code first} on, a millisecond apart from {@code T0 + first}. */
  static SimpleRecord[] records(int first, int count) {
    return IntStream.range(first, first + count)
        .mapToObj(i -> record(T0 + i, i))
        .toArray(SimpleRecord[]::new);
  }

  static SimpleRecord record(long timestamp, int i) {
    return new SimpleRecord(timestamp, new byte[] {(byte) i, (byte) (i >> 8)}, text(100 + i % 50, i));
  }

  /** JSON-like text, compressible as real event payloads are. */
  private static byte[] text(int length, int seed) {
    StringBuilder s = new StringBuilder();
    while (s.length() < length) {
      s.append("{\"order\":").append(seed).append(",\"sku\":\"A-").append(s.length() * 31 % 977).append("\"}");
    }
    return s.substring(0, length).getBytes(StandardCharsets.UTF_8);
  }
}
