package io.floe.e2e.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Restarts the catalog's PostgreSQL at the moment Floe commits: Floe writes a segment's manifest
 * right before it commits the segment to the catalog, so a new manifest in the warehouse is the
 * signal. Every other manifest is let through, so that copies still get done, until the wanted
 * number of restarts is reached or the restarts are stopped. The restarts take turns at how the
 * server goes down: a fast shutdown, then a kill.
 */
public final class CommitTimedRestarts implements AutoCloseable {
  /** How often the manifests are looked at: a commit takes tens of milliseconds. */
  private static final Duration LOOK_INTERVAL = Duration.ofMillis(5);

  private final RestartablePostgres postgres;
  private final Path manifests;
  private final int wanted;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final Thread thread;

  private CommitTimedRestarts(RestartablePostgres postgres, Path manifests, int wanted) {
    this.postgres = postgres;
    this.manifests = manifests;
    this.wanted = wanted;
    this.thread = new Thread(this::run, "commit-timed-restarts");
    thread.setDaemon(true);
  }

  /** Starts restarting {@code postgres} at every second manifest that appears under {@code manifests}, {@code wanted} times. */
  public static CommitTimedRestarts start(RestartablePostgres postgres, Path manifests, int wanted) {
    CommitTimedRestarts restarts = new CommitTimedRestarts(postgres, manifests, wanted);
    restarts.thread.start();
    return restarts;
  }

  /** Whether every wanted restart was done. */
  public boolean done() {
    return postgres.restartCount() >= wanted;
  }

  /** Stops restarting and waits for a restart under way to end; fails if a restart failed. */
  @Override
  public void close() throws InterruptedException {
    stopped.set(true);
    thread.join();
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private void run() {
    try {
      Set<Path> seen = new HashSet<>(manifestFiles());
      boolean letThrough = false;
      while (!stopped.get() && !done()) {
        if (seen.addAll(manifestFiles())) {
          if (!letThrough) {
            postgres.restart(postgres.restartCount() % 2 == 0 ? RestartablePostgres.Stop.FAST_SHUTDOWN
                : RestartablePostgres.Stop.KILL);
          }
          letThrough = !letThrough;
        }
        Thread.sleep(LOOK_INTERVAL.toMillis());
      }
    } catch (RuntimeException e) {
      failure.set(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<Path> manifestFiles() {
    if (!Files.isDirectory(manifests)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(manifests)) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException | UncheckedIOException e) {
      // a file deleted while listed (a failed attempt taking its manifest back): seen at the next look
      return List.of();
    }
  }
}
