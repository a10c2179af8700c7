package io.floe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.floe.writer.maintenance.LeaseHolder;
import io.floe.writer.maintenance.MaintenanceLease;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The maintenance lease: the catalog lets one manager of a table through at a time. */
class MaintenanceLeaseTest {
  private static final Duration TERM = Duration.ofHours(1);
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  @TempDir
  Path dir;

  @Test
  void aManagerTakesAFreeLeaseAndAnotherIsToldWhoHoldsIt() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(1);

    LeaseHolder first = lease(tiered, "broker 1", NOW).acquire();
    LeaseHolder second = lease(tiered, "broker 2", NOW.plusSeconds(60)).acquire();

    assertEquals(new LeaseHolder("broker 1", NOW.plus(TERM)), first);
    assertEquals(first, second);
  }

  @Test
  void theHolderRenewsItsLease() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(1);
    lease(tiered, "broker 1", NOW).acquire();

    LeaseHolder renewed = lease(tiered, "broker 1", NOW.plusSeconds(60)).acquire();

    assertEquals(new LeaseHolder("broker 1", NOW.plusSeconds(60).plus(TERM)), renewed);
  }

  @Test
  void aLeasePastItsTermIsTakenByAnother() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(1);
    lease(tiered, "broker 1", NOW).acquire();

    LeaseHolder taken = lease(tiered, "broker 2", NOW.plus(TERM).plusSeconds(1)).acquire();

    assertEquals("broker 2", taken.owner());
  }

  @Test
  void aReleasedLeaseIsFreeAndOnlyItsHolderReleasesIt() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(1);
    lease(tiered, "broker 1", NOW).acquire();

    lease(tiered, "broker 2", NOW).release();
    String heldByOne = tiered.table().properties().get(MaintenanceLease.PROPERTY);
    lease(tiered, "broker 1", NOW).release();

    assertEquals(NOW.plus(TERM) + " broker 1", heldByOne);
    assertFalse(tiered.table().properties().containsKey(MaintenanceLease.PROPERTY));
    assertEquals("broker 2", lease(tiered, "broker 2", NOW).acquire().owner());
  }

  @Test
  void ofManagersRacingForAFreeLeaseExactlyOneGetsIt() throws Exception {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LeaseHolder>> holders = new ArrayList<>();
        for (String owner : List.of("broker 1", "broker 2")) {
          MaintenanceLease lease = lease(tiered, owner, NOW);
          holders.add(threads.submit(() -> {
            start.await();
            return lease.acquire();
          }));
        }
        start.countDown();
        LeaseHolder first = holders.get(0).get();

        assertEquals(first, holders.get(1).get(), "round " + round);
        lease(tiered, first.owner(), NOW).release();
      }
    } finally {
      threads.shutdown();
    }
  }

  /** A lease of the table loaded afresh, as each manager loads it. */
  private static MaintenanceLease lease(TieredTable tiered, String owner, Instant now) {
    return new MaintenanceLease(tiered.table(), owner, TERM, Clock.fixed(now, ZoneOffset.UTC));
  }
}
