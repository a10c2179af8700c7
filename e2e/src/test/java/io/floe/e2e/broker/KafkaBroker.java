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
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka cluster, broker and controller in one process, run from a
 * {@link KafkaDistribution} as a JVM of its own in a work directory: {@code server.properties},
 * {@code data/}, and {@code logs/} with the broker's log4j output and its standard output and error.
 * It can be stopped cleanly, killed, and restarted on the same data and ports. It never outlives
 * the test: close it, and a shutdown hook kills it if the test JVM exits first.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
  private static final String SERVER = "kafka.Kafka";
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final KafkaDistribution distribution;
  private final Path workDir;
  private final BrokerPorts ports;
  private final BrokerLogs logs;
  private final JavaProcess server;
  private final Thread killOnExit = new Thread(this::killQuietly, "kill-kafka-broker");
  private volatile Process process;
  private Admin admin;

  private KafkaBroker(KafkaDistribution distribution, Path workDir, BrokerPorts ports, BrokerLogs logs, JavaProcess server) {
    this.distribution = distribution;
    this.workDir = workDir;
    this.ports = ports;
    this.logs = logs;
    this.server = server;
  }

  /** Formats a new cluster in {@code workDir} and starts it; returns once the broker answers. */
  public static KafkaBroker start(BrokerSpec spec, Path workDir) {
    KafkaDistribution distribution = spec.distribution();
    BrokerLogs logs = BrokerLogs.in(createDirectories(workDir.resolve("logs")));
    BrokerPorts ports = BrokerPorts.free();
    Path properties = PropertiesFile.write(workDir.resolve("server.properties"),
        BrokerProperties.singleNode(spec, ports, workDir.resolve("data")));
    List<String> jvmOptions = jvmOptions(distribution, workDir, logs);
    format(distribution, jvmOptions, properties, workDir);

    JavaProcess server = new JavaProcess(jvmOptions, distribution.classPath(), SERVER, List.of(properties.toString()));
    KafkaBroker broker = new KafkaBroker(distribution, workDir, ports, logs, server);
    Runtime.getRuntime().addShutdownHook(broker.killOnExit);
    try {
      broker.launch();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  public String bootstrapServers() {
    return ports.brokerAddress();
  }

  public BrokerLogs logs() {
    return logs;
  }

  /** CPU time the running broker process has used since it started: all its threads, user and system. */
  public Duration cpuTime() {
    if (!isRunning()) {
      throw new IllegalStateException("Cannot read the CPU time of " + this + ": it is not running");
    }
    return process.info().totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("Cannot read the CPU time of " + this + ": the OS does not tell"));
  }

  /** An admin client of this broker, shared by the caller's calls and closed with the broker. */
  public synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }
    return admin;
  }

  /** Stops the broker as an operator does (SIGTERM: a controlled shutdown) and waits for it to exit. */
  public void stop() {
    if (!isRunning()) {
      return;
    }
    process.destroy();
    if (!awaitExit(STOP_TIMEOUT)) {
      kill();
      throw new IllegalStateException(String.format("Cannot stop %s cleanly: still running %s after SIGTERM, killed it%n%s",
          this, STOP_TIMEOUT, logs.describe()));
    }
  }

  /** Kills the broker at once (SIGKILL), as a crash would. */
  public void kill() {
    if (process != null) {
      process.destroyForcibly();
      awaitExit(STOP_TIMEOUT);
    }
  }

  /** Stops the broker if it runs, then starts it again on the same data directory and ports. */
  public void restart() {
    stop();
    launch();
  }

  @Override
  public void close() {
    try {
      if (admin != null) {
        admin.close(PROBE_TIMEOUT);
      }
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

  @Override
  public String toString() {
    return String.format("%s broker at %s in %s", distribution, bootstrapServers(), workDir);
  }

  private static List<String> jvmOptions(KafkaDistribution distribution, Path workDir, BrokerLogs logs) {
    List<String> options = new ArrayList<>(List.of("-Xms256m", "-Xmx1g", "-Djava.awt.headless=true",
        // native libraries (zstd, snappy, a plugin's sqlite) unpack here, never to a shared or noexec /tmp
        "-Djava.io.tmpdir=" + createDirectories(workDir.resolve("tmp"))));
    options.addAll(BrokerLogging.configure(distribution, workDir, logs.serverLog()));
    return options;
  }

  /** Formats the data directory as a new single-voter cluster (KIP-853's --standalone). */
  private static void format(KafkaDistribution distribution, List<String> jvmOptions, Path properties, Path workDir) {
    List<String> options = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")); // a short run
    options.addAll(jvmOptions);
    Path output = workDir.resolve("logs").resolve("storage-format.log");
    new JavaProcess(options, distribution.classPath(), STORAGE_TOOL,
        List.of("format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString(), "--standalone"))
        .run(workDir, output, output, FORMAT_TIMEOUT);
  }

  private void launch() {
    process = server.start(workDir, logs.stdout(), logs.stderr());
    try {
      awaitAnswer();
    } catch (RuntimeException e) {
      kill();
      throw e;
    }
  }

  private void awaitAnswer() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    int timeoutMs = (int) PROBE_TIMEOUT.toMillis();
    try (Admin probe = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs))) {
      Exception lastFailure = null;
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(String.format("Cannot start %s: the process exited with code %d before answering%n%s",
              this, process.exitValue(), logs.describe()));
        }
        try {
          if (!probe.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          lastFailure = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for " + this + " to answer", e);
        }
        pause(Duration.ofMillis(200));
      }
      throw new IllegalStateException(String.format("Cannot start %s: no answer to describeCluster within %s (last: %s)%n%s",
          this, START_TIMEOUT, lastFailure, logs.describe()));
    }
  }

  private boolean isRunning() {
    return process != null && process.isAlive();
  }

  private boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("Interrupted while waiting for " + this + " to exit", e);
    }
  }

  private void killQuietly() {
    if (process != null) {
      process.destroyForcibly();
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

  private static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
  }
}
