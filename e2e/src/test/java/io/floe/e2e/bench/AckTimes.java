package io.floe.e2e.bench;

import java.util.Arrays;

/**
 * When the producer's acknowledgement of each record of a topic came, by partition and offset, on
 * the test's clock ({@link System#nanoTime()}): where each record's delay to {@code main} starts.
 * The producer's I/O thread adds, the thread that looks at the table reads: hence the locking.
 */
final class AckTimes {
  private static final int INITIAL_CAPACITY = 1 << 16;

  private final long[][] nanos;
  private final int[] counts;

  AckTimes(int partitions) {
    nanos = new long[partitions][INITIAL_CAPACITY];
    counts = new int[partitions];
  }

  /** Notes the acknowledgement of {@code offset}, which must be the partition's next: offsets are acknowledged in order. */
  synchronized void add(int partition, long offset, long ackNanos) {
    if (offset != counts[partition]) {
      throw new IllegalStateException("Cannot note the acknowledgement of offset " + offset + " of partition " + partition
          + ": offset " + counts[partition] + " is due");
    }
    if (counts[partition] == nanos[partition].length) {
      nanos[partition] = Arrays.copyOf(nanos[partition], 2 * nanos[partition].length);
    }
    nanos[partition][counts[partition]++] = ackNanos;
  }

  /** When {@code offset} of {@code partition} was acknowledged. */
  synchronized long of(int partition, long offset) {
    if (offset >= counts[partition]) {
      throw new IllegalStateException("Cannot time offset " + offset + " of partition " + partition
          + ": it is not acknowledged yet (" + counts[partition] + " are)");
    }
    return nanos[partition][(int) offset];
  }

  /** The last offset of {@code partition} acknowledged before {@code endNanos}; -1 if none. */
  synchronized long lastBefore(int partition, long endNanos) {
    int low = 0;
    int high = counts[partition];
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (nanos[partition][middle] < endNanos) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low - 1;
  }
}
