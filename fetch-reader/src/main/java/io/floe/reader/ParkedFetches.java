package io.floe.reader;

import java.io.Closeable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The closed fetches kept for the next fetch of the same reader, several per segment, as several
 * consumers may read one segment at once, each reading ahead meanwhile on a small pool of threads
 * this owns. Each is taken by at most one fetch at a time. They are bounded by
 * {@link ParkingLimits}: past the count or the bytes the oldest go first, and one idle longer than
 * the timeout is closed even if no fetch comes. Safe for the broker's reader threads.
 */
final class ParkedFetches implements Closeable {
  private record Parked(ParkedFetch fetch, long weight, long parkedAtNanos) {}

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ParkingLimits limits;
  /** Oldest first. */
  private final ArrayDeque<Parked> parked = new ArrayDeque<>();
  private long bytes;
  private boolean sweepScheduled;
  private boolean closed;

  private final ExecutorService readAhead;

  ParkedFetches(ParkingLimits limits) {
    this.limits = limits;
    this.readAhead = readAheadExecutor();
  }

  /**
   * A thread per core at most, idle ones ended: reading ahead is CPU work that the broker's reader
   * threads would do anyway, a little earlier.
   */
  private static ExecutorService readAheadExecutor() {
    int threads = Runtime.getRuntime().availableProcessors();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), work -> {
          Thread thread = new Thread(work, "floe-fetch-read-ahead-" + THREADS.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /**
   * The batches of a parked fetch of the segment {@code manifest} describes that a fetch from its
   * {@code firstBatch}-th batch can go on from, now the caller's alone; the newest if several can.
   */
  Optional<RebuiltBatches> take(ReadableManifest manifest, int firstBatch) {
    Optional<ParkedFetch> taken = Optional.empty();
    List<ParkedFetch> idle;
    synchronized (this) {
      idle = removeIdle(System.nanoTime());
      for (Iterator<Parked> newestFirst = parked.descendingIterator(); newestFirst.hasNext(); ) {
        Parked candidate = newestFirst.next();
        if (candidate.fetch().continues(manifest, firstBatch)) {
          newestFirst.remove();
          bytes -= candidate.weight();
          taken = Optional.of(candidate.fetch());
          break;
        }
      }
    }
    closeAll(idle);
    return taken.flatMap(ParkedFetch::take);
  }

  /**
   * Keeps a closed fetch's batches for a next fetch, reading ahead meanwhile, or closes them when
   * the bounds leave no room for them.
   */
  void park(RebuiltBatches batches) {
    long weight = batches.bufferedBytes() + limits.readAheadBytes();
    long now = System.nanoTime();
    List<ParkedFetch> closing;
    boolean parkedIt = false;
    synchronized (this) {
      closing = removeIdle(now);
      if (!closed && limits.maxFetches() > 0 && weight <= limits.maxBytes()) {
        ParkedFetch fetch = ParkedFetch.of(batches, limits.readAheadBytes(), readAhead);
        parked.addLast(new Parked(fetch, weight, now));
        parkedIt = true;
        bytes += weight;
        while (parked.size() > limits.maxFetches() || bytes > limits.maxBytes()) {
          Parked oldest = parked.removeFirst();
          bytes -= oldest.weight();
          closing.add(oldest.fetch());
        }
        scheduleSweep(limits.idleTimeout().toNanos());
      }
    }
    if (!parkedIt) {
      batches.close();
    }
    closeAll(closing);
  }

  synchronized int count() {
    return parked.size();
  }

  /** Parked fetches still reading ahead. */
  synchronized int readingAhead() {
    return (int) parked.stream().filter(entry -> entry.fetch().readingAhead()).count();
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
    try {
      closeAll(closing);
    } finally {
      readAhead.shutdown();
    }
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
