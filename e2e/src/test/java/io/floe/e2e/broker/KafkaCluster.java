package io.floe.e2e.broker;

import io.floe.e2e.topic.AdminCalls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster of several nodes, each broker and controller in one process and a voter of one
 * static quorum, run from one {@link KafkaDistribution} in {@code <workDir>/node-<id>/} (laid out as
 * a {@link KafkaBroker}'s work directory). Nodes, numbered from 1, can be stopped, killed and
 * restarted one at a time; the cluster keeps serving while a majority of them runs.
 */
public final class KafkaCluster implements KafkaService, AutoCloseable {
  private static final String SERVER = "kafka.Kafka";
  private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(2);

  private final KafkaDistribution distribution;
  private final Path workDir;
  private final List<BrokerPorts> ports;
  private final List<BrokerProcess> nodes;
  private Admin admin;

  private KafkaCluster(KafkaDistribution distribution, Path workDir, List<BrokerPorts> ports, List<BrokerProcess> nodes) {
    this.distribution = distribution;
    this.workDir = workDir;
    this.ports = ports;
    this.nodes = nodes;
  }

  /**
   * Formats {@code nodeCount} nodes in {@code workDir} as one new cluster, each with the broker
   * properties of {@code spec}, and starts them; returns once every node answers.
   */
  public static KafkaCluster start(BrokerSpec spec, int nodeCount, Path workDir) {
    KafkaDistribution distribution = spec.distribution();
    List<BrokerPorts> ports = IntStream.range(0, nodeCount).mapToObj(i -> BrokerPorts.free()).toList();
    String clusterId = Uuid.randomUuid().toString();
    List<BrokerProcess> nodes = new ArrayList<>();
    KafkaCluster cluster = new KafkaCluster(distribution, workDir, ports, nodes);
    try {
      for (int id = 1; id <= nodeCount; id++) {
        nodes.add(format(spec, id, ports, clusterId, workDir.resolve("node-" + id)));
      }
      // a node answers only once a majority of the quorum runs: start all before waiting for any
      nodes.forEach(BrokerProcess::start);
      nodes.forEach(BrokerProcess::awaitAnswer);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** The ids of the nodes, running or not: 1 to the node count. */
  public List<Integer> nodeIds() {
    return IntStream.rangeClosed(1, nodes.size()).boxed().toList();
  }

  /** Every node's broker address: clients find the running ones among them. */
  @Override
  public String bootstrapServers() {
    return ports.stream().map(BrokerPorts::brokerAddress).collect(Collectors.joining(","));
  }

  @Override
  public synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }
    return admin;
  }

  @Override
  public String describeLogs() {
    return nodeIds().stream().map(id -> "node " + id + ": " + node(id).logs().describe())
        .collect(Collectors.joining(System.lineSeparator()));
  }

  /** The output of node {@code id}. */
  public BrokerLogs logs(int id) {
    return node(id).logs();
  }

  /** The id of the node leading {@code partition} now, as the cluster's metadata says. */
  public int leaderOf(TopicPartition partition) {
    TopicDescription description = AdminCalls.answer("describe topic " + partition.topic() + " on " + this,
        admin().describeTopics(List.of(partition.topic())).allTopicNames()).get(partition.topic());
    Node leader = description.partitions().stream()
        .filter(p -> p.partition() == partition.partition())
        .map(TopicPartitionInfo::leader)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Cannot find the leader of " + partition + ": no such partition in " + this));
    if (leader == null || leader.isEmpty()) {
      throw new IllegalStateException("Cannot find the leader of " + partition + ": it has none now in " + this);
    }
    return leader.id();
  }

  /** Kills node {@code id} at once (SIGKILL), as a crash would. */
  public void kill(int id) {
    node(id).kill();
  }

  /** Stops node {@code id} as an operator does (SIGTERM: a controlled shutdown) and waits for it to exit. */
  public void stop(int id) {
    node(id).stop();
  }

  /** Stops node {@code id} if it runs, then starts it again on its data directory and ports. */
  public void restart(int id) {
    node(id).restart();
  }

  /**
   * Kills every node: their data is thrown away with the test, and a combined node's controlled
   * shutdown may wait long for a quorum whose other voters are already gone.
   */
  @Override
  public void close() {
    try {
      if (admin != null) {
        admin.close(ADMIN_CLOSE_TIMEOUT);
      }
    } finally {
      nodes.forEach(BrokerProcess::kill);
      nodes.forEach(BrokerProcess::close);
    }
  }

  @Override
  public String toString() {
    return String.format("%s cluster of %d nodes at %s in %s", distribution, nodes.size(), bootstrapServers(), workDir);
  }

  private BrokerProcess node(int id) {
    if (id < 1 || id > nodes.size()) {
      throw new IllegalArgumentException("Cannot find node " + id + " in " + this + ": nodes are 1 to " + nodes.size());
    }
    return nodes.get(id - 1);
  }

  private static BrokerProcess format(BrokerSpec spec, int id, List<BrokerPorts> ports, String clusterId, Path nodeDir) {
    KafkaDistribution distribution = spec.distribution();
    BrokerLogs logs = BrokerLogs.in(BrokerProcess.createDirectories(nodeDir.resolve("logs")));
    Path properties = PropertiesFile.write(nodeDir.resolve("server.properties"),
        BrokerProperties.clusterNode(spec, id, ports, nodeDir.resolve("data")));
    List<String> jvmOptions = BrokerProcess.jvmOptions(distribution, nodeDir, logs);
    // every node a member of the same cluster, its quorum the static voters of the properties
    StorageFormat.run(spec, jvmOptions, properties, nodeDir, clusterId, List.of());
    JavaProcess server = new JavaProcess(jvmOptions, distribution.classPath(), SERVER, List.of(properties.toString()),
        spec.environment());
    String name = String.format("%s node %d at %s in %s", distribution, id, ports.get(id - 1).brokerAddress(), nodeDir);
    return new BrokerProcess(name, nodeDir, ports.get(id - 1).brokerAddress(), logs, server);
  }
}
