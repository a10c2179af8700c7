package io.floe.reader;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds a parked fetch's next batches while the broker sends what it served and the consumer
 * asks for more, up to a span of bytes: the next fetch of the same reader then serves them from
 * memory. It works on the parked fetch's {@link RebuiltBatches} alone, and {@link #stop} hands them
 * back before anyone else touches them. A failure stops it and is left for a fetch to meet afresh.
 */
final class ReadAhead {
  private enum State { QUEUED, RUNNING, STOPPED }

  private final RebuiltBatches batches;
  private final long spanBytes;
  private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopping;

  private ReadAhead(RebuiltBatches batches, long spanBytes) {
    this.batches = batches;
    this.spanBytes = spanBytes;
  }

  /** Starts reading ahead on {@code executor}; nothing when there is nothing to read or the executor takes no more work. */
  static ReadAhead start(RebuiltBatches batches, long spanBytes, ExecutorService executor) {
    ReadAhead readAhead = new ReadAhead(batches, spanBytes);
    if (spanBytes == 0) {
      readAhead.state.set(State.STOPPED);
      return readAhead;
    }
    try {
      executor.execute(readAhead::run);
    } catch (RejectedExecutionException e) {
      // The fetcher is closing, and closes the fetch rather than park it.
      readAhead.state.set(State.STOPPED);
    }
    return readAhead;
  }

  private void run() {
    if (!state.compareAndSet(State.QUEUED, State.RUNNING)) {
      return;
    }
    try {
      boolean more = true;
      while (more && !stopping && batches.aheadSpan() < spanBytes) {
        more = batches.rebuildNext();
      }
    } catch (RuntimeException e) {
      // The batches are marked failed: the next fetch opens the data files afresh and meets the
      // failure itself, with its own error.
    } finally {
      finished.countDown();
    }
  }

  /** Whether it is still queued or rebuilding. */
  boolean isActive() {
    return switch (state.get()) {
      case QUEUED -> true;
      case RUNNING -> finished.getCount() > 0;
      case STOPPED -> false;
    };
  }

  /**
   * Stops after the batch being rebuilt, if any, and waits for it: the batches are then the
   * caller's alone. A read-ahead still queued does not start.
   */
  RebuiltBatches stop() {
    stopping = true;
    if (!state.compareAndSet(State.QUEUED, State.STOPPED) && state.get() == State.RUNNING) {
      awaitFinished();
    }
    return batches;
  }

  private void awaitFinished() {
    boolean interrupted = false;
    while (true) {
      try {
        finished.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
