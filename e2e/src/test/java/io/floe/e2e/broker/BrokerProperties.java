package io.floe.e2e.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The {@code server.properties} of a KRaft node that is broker and controller in one process, on
 * loopback ports, with tiered storage on and its background tasks every second, so that a test
 * sees segments tiered and local copies deleted within seconds: the single node of a one-node
 * cluster, or one of the nodes of a cluster whose every node is a voter.
 */
final class BrokerProperties {
  static final String BROKER_LISTENER = "PLAINTEXT";
  private static final String TOPIC_BASED_RLMM =
      "org.apache.kafka.server.log.remote.metadata.storage.TopicBasedRemoteLogMetadataManager";
  private static final int CLUSTER_MIN_IN_SYNC_REPLICAS = 2;

  private BrokerProperties() {
  }

  static Map<String, String> singleNode(BrokerSpec spec, BrokerPorts ports, Path dataDir) {
    Map<String, String> properties = combinedNode(spec, 1, ports, dataDir, 1, 1);
    // A dynamic quorum of one voter, formatted with --standalone (KIP-853, Kafka 3.9+).
    properties.put("controller.quorum.bootstrap.servers", ports.controllerAddress());
    properties.putAll(spec.overrides());
    return properties;
  }

  /**
   * Node {@code nodeId} (1 to n) of a cluster of n nodes, {@code ports} holding each node's in turn:
   * a static quorum of every node's controller, and internal topics replicated to every node so
   * that they outlive any one node.
   */
  static Map<String, String> clusterNode(BrokerSpec spec, int nodeId, List<BrokerPorts> ports, Path dataDir) {
    int nodes = ports.size();
    Map<String, String> properties = combinedNode(spec, nodeId, ports.get(nodeId - 1), dataDir, nodes,
        Math.min(nodes, CLUSTER_MIN_IN_SYNC_REPLICAS));
    properties.put("controller.quorum.voters", IntStream.rangeClosed(1, nodes)
        .mapToObj(id -> id + "@" + ports.get(id - 1).controllerAddress())
        .collect(Collectors.joining(",")));
    properties.put("default.replication.factor", Integer.toString(nodes));
    properties.putAll(spec.overrides());
    return properties;
  }

  private static Map<String, String> combinedNode(BrokerSpec spec, int nodeId, BrokerPorts ports, Path dataDir,
      int replicas, int minInSyncReplicas) {
    String broker = BROKER_LISTENER + "://" + ports.brokerAddress();
    String controller = "CONTROLLER://" + ports.controllerAddress();
    String replicationFactor = Integer.toString(replicas);
    String minIsr = Integer.toString(minInSyncReplicas);
    Map<String, String> properties = new TreeMap<>();
    properties.put("process.roles", "broker,controller");
    properties.put("node.id", Integer.toString(nodeId));
    properties.put("listeners", broker + "," + controller);
    properties.put("advertised.listeners", broker + "," + controller);
    properties.put("controller.listener.names", "CONTROLLER");
    properties.put("inter.broker.listener.name", BROKER_LISTENER);
    properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    properties.put("log.dirs", dataDir.toString());
    properties.put("auto.create.topics.enable", "false");
    // Internal topics: one partition each to start quickly.
    properties.put("offsets.topic.replication.factor", replicationFactor);
    properties.put("offsets.topic.num.partitions", "1");
    properties.put("transaction.state.log.replication.factor", replicationFactor);
    properties.put("transaction.state.log.min.isr", minIsr);
    properties.put("transaction.state.log.num.partitions", "1");
    properties.put("share.coordinator.state.topic.replication.factor", replicationFactor);
    properties.put("share.coordinator.state.topic.min.isr", minIsr);
    properties.put("group.initial.rebalance.delay.ms", "0");
    // After a kill, the restarted broker cannot register until its previous session expires (9 s by default).
    properties.put("broker.session.timeout.ms", "4000");
    properties.put("broker.heartbeat.interval.ms", "500");
    properties.put("remote.log.storage.system.enable", "true");
    properties.putAll(spec.remoteStorage().brokerProperties());
    properties.put("remote.log.metadata.manager.class.name", TOPIC_BASED_RLMM);
    properties.put("remote.log.metadata.manager.listener.name", BROKER_LISTENER);
    properties.put("remote.log.metadata.manager.impl.prefix", "rlmm.config.");
    properties.put("rlmm.config.remote.log.metadata.topic.replication.factor", replicationFactor);
    properties.put("rlmm.config.remote.log.metadata.topic.min.isr", minIsr);
    properties.put("rlmm.config.remote.log.metadata.topic.num.partitions", "1");
    properties.put("remote.log.manager.task.interval.ms", "1000");
    properties.put("log.retention.check.interval.ms", "1000");
    // Local retention would otherwise first run 30 s after start.
    properties.put("log.initial.task.delay.ms", "0");
    return properties;
  }
}
