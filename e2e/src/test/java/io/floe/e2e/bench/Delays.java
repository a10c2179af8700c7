package io.floe.e2e.bench;

import java.time.Duration;
import java.util.Arrays;

/** Delays of many records, in milliseconds, summed up by percentiles. */
final class Delays {
  private int[] millis = new int[1 << 16];
  private int count;

  /** The number of delays and their median, 99th percentile and maximum (nearest rank). */
  record Summary(int count, Duration p50, Duration p99, Duration max) {
  }

  void add(long nanos) {
    if (count == millis.length) {
      millis = Arrays.copyOf(millis, 2 * millis.length);
    }
    millis[count++] = Math.toIntExact(nanos / 1_000_000);
  }

  Summary summary() {
    if (count == 0) {
      throw new IllegalStateException("Cannot sum up delays: there are none");
    }
    int[] sorted = Arrays.copyOf(millis, count);
    Arrays.sort(sorted);
    return new Summary(count, percentile(sorted, 50), percentile(sorted, 99), Duration.ofMillis(sorted[count - 1]));
  }

  private static Duration percentile(int[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return Duration.ofMillis(sorted[Math.max(0, rank - 1)]);
  }
}
