package io.floe.translator;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.apache.kafka.common.record.internal.SimpleRecord;

/** Records as a producer would send them, for building test segments in any module. */
public final class SampleRecords {
  /** 2026-01-01T00:00:00Z. */
  public static final long T0 = 1_767_225_600_000L;

  private SampleRecords() {}

  /** Records {@code first..first+count-1}, each with its own key, timestamp and JSON-like value. */
  public static SimpleRecord[] records(int first, int count) {
    return records(T0, first, count);
  }

  /** The same, with timestamps {@code baseTimestamp + i}. */
  public static SimpleRecord[] records(long baseTimestamp, int first, int count) {
    return IntStream.range(first, first + count)
        .mapToObj(i -> record(baseTimestamp + i, i))
        .toArray(SimpleRecord[]::new);
  }

  /** Record number {@code i} with the given timestamp. */
  public static SimpleRecord record(long timestamp, int i) {
    return new SimpleRecord(timestamp, key(i), text(100 + i % 50, i));
  }

  public static byte[] key(int i) {
    return new byte[] {(byte) i, (byte) (i >> 8)};
  }

  /** JSON-like text, compressible as real event payloads are. */
  public static byte[] text(int length, int seed) {
    StringBuilder s = new StringBuilder();
    while (s.length() < length) {
      s.append("{\"order\":").append(seed).append(",\"sku\":\"A-").append(s.length() * 31 % 977).append("\"}");
    }
    return s.substring(0, length).getBytes(StandardCharsets.UTF_8);
  }
}
