package io.floe.e2e.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
public final class KafkaBroker implements KafkaService, AutoCloseable {
  private static final String SERVER = "kafka.Kafka";
  private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(2);

  private final KafkaDistribution distribution;
  private final Path workDir;
  private final BrokerPorts ports;
  private final BrokerJmx jmx;
  private final BrokerProcess process;
  private Admin admin;

  private KafkaBroker(KafkaDistribution distribution, Path workDir, BrokerPorts ports, BrokerJmx jmx,
      BrokerProcess process) {
    this.distribution = distribution;
    this.workDir = workDir;
    this.ports = ports;
    this.jmx = jmx;
    this.process = process;
  }

  /** Formats a new cluster in {@code workDir} and starts it; returns once the broker answers. */
  public static KafkaBroker start(BrokerSpec spec, Path workDir) {
    KafkaDistribution distribution = spec.distribution();
    BrokerLogs logs = BrokerLogs.in(BrokerProcess.createDirectories(workDir.resolve("logs")));
    BrokerPorts ports = BrokerPorts.free();
    Path properties = PropertiesFile.write(workDir.resolve("server.properties"),
        BrokerProperties.singleNode(spec, ports, workDir.resolve("data")));
    List<String> jvmOptions = BrokerProcess.jvmOptions(distribution, workDir, logs);
    // a dynamic quorum of one voter (KIP-853)
    StorageFormat.run(spec, jvmOptions, properties, workDir, Uuid.randomUuid().toString(), List.of("--standalone"));

    BrokerJmx jmx = BrokerJmx.free();
    List<String> serverOptions = new ArrayList<>(jvmOptions);
    serverOptions.addAll(jmx.jvmOptions());
    JavaProcess server = new JavaProcess(serverOptions, distribution.classPath(), SERVER,
        List.of(properties.toString()), spec.environment());
    String name = String.format("%s broker at %s in %s", distribution, ports.brokerAddress(), workDir);
    KafkaBroker broker = new KafkaBroker(distribution, workDir, ports, jmx,
        new BrokerProcess(name, workDir, ports.brokerAddress(), logs, server));
    try {
      broker.process.launch();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  @Override
  public String bootstrapServers() {
    return ports.brokerAddress();
  }

  /** The running broker's MBeans, read through JMX as a monitoring agent reads them. */
  public BrokerJmx jmx() {
    return jmx;
  }

  public BrokerLogs logs() {
    return process.logs();
  }

  @Override
  public String describeLogs() {
    return process.logs().describe();
  }

  /** CPU time the running broker process has used since it started: all its threads, user and system. */
  public Duration cpuTime() {
    return process.cpuTime();
  }

  @Override
  public synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }
    return admin;
  }

  /** Stops the broker as an operator does (SIGTERM: a controlled shutdown) and waits for it to exit. */
  public void stop() {
    process.stop();
  }

  /** Kills the broker at once (SIGKILL), as a crash would. */
  public void kill() {
    process.kill();
  }

  /** Stops the broker if it runs, then starts it again on the same data directory and ports. */
  public void restart() {
    process.restart();
  }

  /**
   * Stops the broker, writes its properties again from {@code spec} (same data directory and
   * ports), and starts it: an operator changing a setting. The process's JVM options and
   * environment stay as they were.
   */
  public void restartWith(BrokerSpec spec) {
    process.stop();
    PropertiesFile.write(workDir.resolve("server.properties"), BrokerProperties.singleNode(spec, ports, workDir.resolve("data")));
    process.launch();
  }

  @Override
  public void close() {
    try {
      if (admin != null) {
        admin.close(ADMIN_CLOSE_TIMEOUT);
      }
    } finally {
      process.close();
    }
  }

  @Override
  public String toString() {
    return String.format("%s broker at %s in %s", distribution, bootstrapServers(), workDir);
  }
}
