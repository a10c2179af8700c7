package io.floe.writer.maintenance;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.LongSupplier;

/**
 * Holds a step's work to a rate of bytes a second, on average since it started, by waiting after
 * each piece: maintenance in the broker shares its cores with the copies, and a compaction left to
 * itself would take a whole one for minutes.
 */
final class Pacing {
  /** How the wait is made: a sleep, in the broker. */
  interface Waiting {
    void waitFor(Duration time) throws InterruptedException;
  }

  private static final double NANOS_PER_SECOND = 1e9;

  private final long bytesPerSecond;
  private final LongSupplier nanoTime;
  private final Waiting waiting;
  private final long start;
  private long bytes;

  Pacing(long bytesPerSecond, LongSupplier nanoTime, Waiting waiting) {
    this.bytesPerSecond = bytesPerSecond;
    this.nanoTime = nanoTime;
    this.waiting = waiting;
    this.start = nanoTime.getAsLong();
  }

  /** Paced to {@code bytesPerSecond}, by sleeping; not paced at all if it is 0. */
  static Pacing of(long bytesPerSecond) {
    return new Pacing(bytesPerSecond, System::nanoTime, time -> Thread.sleep(time.toMillis(), time.toNanosPart() % 1_000_000));
  }

  /**
   * Counts {@code done} more bytes, and waits until the rate since the start is down to the bound.
   *
   * @throws CancellationException if the thread is interrupted while it waits (the broker is stopping)
   */
  void done(long done) {
    if (bytesPerSecond <= 0) {
      return;
    }
    bytes += done;
    long due = start + (long) (bytes * NANOS_PER_SECOND / bytesPerSecond);
    long early = due - nanoTime.getAsLong();
    if (early > 0) {
      try {
        waiting.waitFor(Duration.ofNanos(early));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("Cannot go on pacing maintenance: its thread was interrupted");
      }
    }
  }
}
