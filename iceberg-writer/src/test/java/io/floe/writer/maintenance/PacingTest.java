package io.floe.writer.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Pacing by the clock it is given: waits only when the work ran ahead of the rate, and only as long as needed. */
class PacingTest {
  private static final long MIB = 1 << 20;

  private final AtomicLong now = new AtomicLong(1_000);
  private final List<Duration> waits = new ArrayList<>();
  private final Pacing.Waiting waiting = time -> {
    waits.add(time);
    now.addAndGet(time.toNanos());
  };

  @Test
  void workAheadOfTheRateWaitsUntilItIsDue() {
    Pacing pacing = new Pacing(16 * MIB, now::get, waiting);

    pacing.done(32 * MIB);

    assertEquals(List.of(Duration.ofSeconds(2)), waits);
  }

  @Test
  void workThatTookLongerThanTheRateAllowsDoesNotWait() {
    Pacing pacing = new Pacing(16 * MIB, now::get, waiting);
    now.addAndGet(Duration.ofSeconds(3).toNanos());

    pacing.done(32 * MIB);

    assertEquals(List.of(), waits);
  }

  @Test
  void theRateIsAnAverageSinceTheStart() {
    Pacing pacing = new Pacing(16 * MIB, now::get, waiting);
    now.addAndGet(Duration.ofSeconds(3).toNanos());
    pacing.done(32 * MIB);

    pacing.done(32 * MIB);

    assertEquals(List.of(Duration.ofSeconds(1)), waits);
  }

  @Test
  void aRateOfZeroIsNoPacing() {
    Pacing pacing = new Pacing(0, now::get, waiting);

    pacing.done(1 << 30);

    assertEquals(List.of(), waits);
  }
}
