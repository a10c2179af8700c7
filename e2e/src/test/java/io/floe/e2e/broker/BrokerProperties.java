package io.floe.e2e.broker;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code server.properties} of a single-node KRaft cluster (one process, broker and controller)
 * on loopback ports, with tiered storage on and its background tasks every second, so that a test
 * sees segments tiered and local copies deleted within seconds.
 */
final class BrokerProperties {
  static final String BROKER_LISTENER = "PLAINTEXT";
  private static final String TOPIC_BASED_RLMM =
      "org.apache.kafka.server.log.remote.metadata.storage.TopicBasedRemoteLogMetadataManager";

  private BrokerProperties() {
  }

  static Map<String, String> singleNode(BrokerSpec spec, BrokerPorts ports, Path dataDir) {
    String broker = BROKER_LISTENER + "://" + ports.brokerAddress();
    String controller = "CONTROLLER://" + ports.controllerAddress();
    Map<String, String> properties = new TreeMap<>();
    properties.put("process.roles", "broker,controller");
    properties.put("node.id", "1");
    // A dynamic quorum of one voter, formatted with --standalone (KIP-853, Kafka 3.9+).
    properties.put("controller.quorum.bootstrap.servers", ports.controllerAddress());
    properties.put("listeners", broker + "," + controller);
    properties.put("advertised.listeners", broker + "," + controller);
    properties.put("controller.listener.names", "CONTROLLER");
    properties.put("inter.broker.listener.name", BROKER_LISTENER);
    properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    properties.put("log.dirs", dataDir.toString());
    properties.put("auto.create.topics.enable", "false");
    // Internal topics on one node: replication factor 1, and one partition each to start quickly.
    properties.put("offsets.topic.replication.factor", "1");
    properties.put("offsets.topic.num.partitions", "1");
    properties.put("transaction.state.log.replication.factor", "1");
    properties.put("transaction.state.log.min.isr", "1");
    properties.put("transaction.state.log.num.partitions", "1");
    properties.put("share.coordinator.state.topic.replication.factor", "1");
    properties.put("share.coordinator.state.topic.min.isr", "1");
    properties.put("group.initial.rebalance.delay.ms", "0");
    // After a kill, the restarted broker cannot register until its previous session expires (9 s by default).
    properties.put("broker.session.timeout.ms", "4000");
    properties.put("broker.heartbeat.interval.ms", "500");
    properties.put("remote.log.storage.system.enable", "true");
    properties.putAll(spec.remoteStorage().brokerProperties());
    properties.put("remote.log.metadata.manager.class.name", TOPIC_BASED_RLMM);
    properties.put("remote.log.metadata.manager.listener.name", BROKER_LISTENER);
    properties.put("remote.log.metadata.manager.impl.prefix", "rlmm.config.");
    properties.put("rlmm.config.remote.log.metadata.topic.replication.factor", "1");
    properties.put("rlmm.config.remote.log.metadata.topic.min.isr", "1");
    properties.put("rlmm.config.remote.log.metadata.topic.num.partitions", "1");
    properties.put("remote.log.manager.task.interval.ms", "1000");
    properties.put("log.retention.check.interval.ms", "1000");
    // Local retention would otherwise first run 30 s after start.
    properties.put("log.initial.task.delay.ms", "0");
    properties.putAll(spec.overrides());
    return properties;
  }
}
