package io.floe.e2e.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One Kafka server process ({@code kafka.Kafka} on a formatted data directory) in its work
 * directory: started, stopped cleanly, killed, restarted on the same data and ports. It never
 * outlives the test: close it, and a shutdown hook kills it if the test JVM exits first.
 */
final class BrokerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final String name;
  private final Path workDir;
  private final String address;
  private final BrokerLogs logs;
  private final JavaProcess server;
  private final Thread killOnExit = new Thread(this::killQuietly, "kill-kafka-broker");
  private volatile Process process;

  /** A server answering clients at {@code address}, named {@code name} in messages. */
  BrokerProcess(String name, Path workDir, String address, BrokerLogs logs, JavaProcess server) {
    this.name = name;
    this.workDir = workDir;
    this.address = address;
    this.logs = logs;
    this.server = server;
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** The JVM options of a server of {@code distribution} (and of the storage tool) working in {@code workDir}. */
  static List<String> jvmOptions(KafkaDistribution distribution, Path workDir, BrokerLogs logs) {
    List<String> options = new ArrayList<>(List.of("-Xms256m", "-Xmx1g", "-Djava.awt.headless=true",
        // native libraries (zstd, snappy, a plugin's sqlite) unpack here, never to a shared or noexec /tmp
        "-Djava.io.tmpdir=" + createDirectories(workDir.resolve("tmp"))));
    options.addAll(BrokerLogging.configure(distribution, workDir, logs.serverLog()));
    // for a profiler or a GC log: -Dbroker.jvm.options="-XX:StartFlightRecording=filename=broker.jfr"
    String extra = System.getProperty("broker.jvm.options", "").strip();
    if (!extra.isEmpty()) {
      options.addAll(List.of(extra.split("\\s+")));
    }
    return options;
  }

  BrokerLogs logs() {
    return logs;
  }

  /** Starts the process without waiting: a node of a quorum answers only once its peers run too. */
  void start() {
    process = server.start(workDir, logs.stdout(), logs.stderr());
  }

  /** Waits until the server answers {@code describeCluster}; kills it if it does not. */
  void awaitAnswer() {
    try {
      probe();
    } catch (RuntimeException e) {
      kill();
      throw e;
    }
  }

  void launch() {
    start();
    awaitAnswer();
  }

  boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** CPU time the running process has used since it started: all its threads, user and system. */
  Duration cpuTime() {
    if (!isRunning()) {
      throw new IllegalStateException("Cannot read the CPU time of " + name + ": it is not running");
    }
    return process.info().totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("Cannot read the CPU time of " + name + ": the OS does not tell"));
  }

  /** Stops the server as an operator does (SIGTERM: a controlled shutdown) and waits for it to exit. */
  void stop() {
    if (!isRunning()) {
      return;
    }
    process.destroy();
    if (!awaitExit(STOP_TIMEOUT)) {
      kill();
      throw new IllegalStateException(String.format("Cannot stop %s cleanly: still running %s after SIGTERM, killed it%n%s",
          name, STOP_TIMEOUT, logs.describe()));
    }
  }

  /** Kills the server at once (SIGKILL), as a crash would, and waits for it to be gone. */
  void kill() {
    if (process != null) {
      process.destroyForcibly();
      awaitExit(STOP_TIMEOUT);
    }
  }

  /** Stops the server if it runs, then starts it again on the same data directory and ports. */
  void restart() {
    stop();
    launch();
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      killQuietly();
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to: nothing left to remove
      }
    }
  }

  private void probe() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    int timeoutMs = (int) PROBE_TIMEOUT.toMillis();
    try (Admin probe = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs))) {
      Exception lastFailure = null;
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(String.format("Cannot start %s: the process exited with code %d before answering%n%s",
              name, process.exitValue(), logs.describe()));
        }
        try {
          if (!probe.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          lastFailure = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for " + name + " to answer", e);
        }
        pause(Duration.ofMillis(200));
      }
      throw new IllegalStateException(String.format("Cannot start %s: no answer to describeCluster within %s (last: %s)%n%s",
          name, START_TIMEOUT, lastFailure, logs.describe()));
    }
  }

  private boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("Interrupted while waiting for " + name + " to exit", e);
    }
  }

  private void killQuietly() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a broker", e);
    }
  }
}
