package io.floe.e2e.faults;

import io.floe.e2e.workload.Codec;
import io.floe.e2e.workload.TransactionOutcome;
import io.floe.e2e.workload.Workloads;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Produces to a topic in the background until stopped, round after round of {@link Workloads}
 * (idempotent, acks=all; every acknowledged record kept): plain batches, every codec in turn, and a
 * committed or an aborted transaction every few rounds. A short pause between rounds keeps the
 * rate one that two cores can tier. A send that fails (never acknowledged) ends it, and
 * {@link #stop()} tells it.
 */
public final class ProducingLoop {
  private static final Duration PAUSE = Duration.ofMillis(250);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(3);
  private static final int TRANSACTION_EVERY = 4;

  private final Workloads workloads;
  private final int batchesPerRound;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private volatile int rounds;
  private volatile Throwable failure;

  private ProducingLoop(Workloads workloads, int batchesPerRound) {
    this.workloads = workloads;
    this.batchesPerRound = batchesPerRound;
    this.thread = new Thread(this::produce, "producing-loop");
    thread.setDaemon(true);
  }

  public static ProducingLoop start(Workloads workloads, int batchesPerRound) {
    ProducingLoop loop = new ProducingLoop(workloads, batchesPerRound);
    loop.thread.start();
    return loop;
  }

  /** Rounds done so far. */
  public int rounds() {
    return rounds;
  }

  /** Stops after the round under way, and fails if a send failed. */
  public void stop() {
    stopped.countDown();
    try {
      thread.join(STOP_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while stopping the producing loop", e);
    }
    if (thread.isAlive()) {
      throw new AssertionError("The producing loop still produces " + STOP_TIMEOUT + " after it was stopped");
    }
    Optional.ofNullable(failure).ifPresent(e -> {
      throw new AssertionError("The producing loop failed in round " + (rounds + 1) + ": " + e, e);
    });
  }

  private void produce() {
    try {
      do {
        round(rounds);
        rounds++;
      } while (!stopped.await(PAUSE.toMillis(), TimeUnit.MILLISECONDS));
    } catch (Throwable e) {
      failure = e;
    }
  }

  private void round(int round) {
    workloads.plain(batchesPerRound);
    Codec[] codecs = Codec.values();
    workloads.compressed(codecs[round % codecs.length], 1);
    if (round % TRANSACTION_EVERY == TRANSACTION_EVERY - 1) {
      TransactionOutcome outcome = (round / TRANSACTION_EVERY) % 2 == 0 ? TransactionOutcome.COMMITTED : TransactionOutcome.ABORTED;
      workloads.transaction(outcome, codecs[round % codecs.length], 2);
    }
  }
}
