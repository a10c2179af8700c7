package io.floe.reader;

import java.io.Closeable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The closed fetches kept for the next fetch of the same reader, several per segment, as several
 * consumers may read one segment at once. Each is taken by at most one fetch at a time. They are
 * bounded by {@link ParkingLimits}: past the count or the bytes the oldest go first, and one idle
 * longer than the timeout is closed even if no fetch comes. Safe for the broker's reader threads.
 */
final class ParkedFetches implements Closeable {
  private record Parked(ParkedFetch fetch, long weight, long parkedAtNanos) {}

  private final ParkingLimits limits;
  /** Oldest first. */
  private final ArrayDeque<Parked> parked = new ArrayDeque<>();
  private long bytes;
  private boolean sweepScheduled;
  private boolean closed;

  ParkedFetches(ParkingLimits limits) {
    this.limits = limits;
  }

  /**
   * A parked fetch of the segment at {@code manifestPath} that a fetch from its
   * {@code firstBatch}-th batch can go on from, now the caller's alone; the newest if several can.
   */
  Optional<ParkedFetch> take(String manifestPath, int firstBatch) {
    Optional<ParkedFetch> taken = Optional.empty();
    List<ParkedFetch> idle;
    synchronized (this) {
      idle = removeIdle(System.nanoTime());
      for (Iterator<Parked> newestFirst = parked.descendingIterator(); newestFirst.hasNext(); ) {
        Parked candidate = newestFirst.next();
        if (candidate.fetch().continues(manifestPath, firstBatch)) {
          newestFirst.remove();
          bytes -= candidate.weight();
          taken = Optional.of(candidate.fetch());
          break;
        }
      }
    }
    closeAll(idle);
    return taken;
  }

  /** Keeps a closed fetch for a next one, or closes it when the bounds leave no room for it. */
  void park(ParkedFetch fetch) {
    long weight = fetch.weight();
    long now = System.nanoTime();
    List<ParkedFetch> closing;
    synchronized (this) {
      closing = removeIdle(now);
      if (closed || limits.maxFetches() == 0 || weight > limits.maxBytes()) {
        closing.add(fetch);
      } else {
        parked.addLast(new Parked(fetch, weight, now));
        bytes += weight;
        while (parked.size() > limits.maxFetches() || bytes > limits.maxBytes()) {
          Parked oldest = parked.removeFirst();
          bytes -= oldest.weight();
          closing.add(oldest.fetch());
        }
        scheduleSweep(limits.idleTimeout().toNanos());
      }
    }
    closeAll(closing);
  }

  synchronized int count() {
    return parked.size();
  }

  /** Memory the parked fetches hold, as the byte bound counts it. */
  synchronized long bytes() {
    return bytes;
  }

  /** Closes every parked fetch; a fetch closed later is closed instead of parked. */
  @Override
  public void close() {
    List<ParkedFetch> closing = new ArrayList<>();
    synchronized (this) {
      closed = true;
      parked.forEach(entry -> closing.add(entry.fetch()));
      parked.clear();
      bytes = 0;
    }
    closeAll(closing);
  }

  /** Takes out the fetches parked for longer than the idle timeout. */
  private List<ParkedFetch> removeIdle(long now) {
    List<ParkedFetch> idle = new ArrayList<>();
    while (!parked.isEmpty() && now - parked.getFirst().parkedAtNanos() >= limits.idleTimeout().toNanos()) {
      Parked oldest = parked.removeFirst();
      bytes -= oldest.weight();
      idle.add(oldest.fetch());
    }
    return idle;
  }

  /**
   * Idle fetches hold open files and memory: a sweep closes them when they time out even if no
   * fetch comes to notice. It runs on the JDK's shared delay scheduler, so the fetcher owns no
   * thread.
   */
  private void scheduleSweep(long delayNanos) {
    if (sweepScheduled || closed) {
      return;
    }
    sweepScheduled = true;
    CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS).execute(this::sweep);
  }

  private void sweep() {
    List<ParkedFetch> idle;
    synchronized (this) {
      sweepScheduled = false;
      long now = System.nanoTime();
      idle = removeIdle(now);
      if (!parked.isEmpty()) {
        scheduleSweep(parked.getFirst().parkedAtNanos() + limits.idleTimeout().toNanos() - now);
      }
    }
    closeAll(idle);
  }

  private static void closeAll(List<ParkedFetch> fetches) {
    RuntimeException failure = null;
    for (ParkedFetch fetch : fetches) {
      try {
        fetch.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
