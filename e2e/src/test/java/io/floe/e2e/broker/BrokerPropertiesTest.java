package io.floe.e2e.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A broker's configuration: loopback only, tiering on, the plugin as asked; alone or a node of a cluster. */
class BrokerPropertiesTest {
  private static final KafkaDistribution KAFKA = new KafkaDistribution("4.3.1", Path.of("/opt/kafka-4.3.1"));
  private static final BrokerPorts PORTS = new BrokerPorts(19092, 19093);
  private static final Path DATA = Path.of("/var/lib/kafka");

  @Test
  void everyListenerIsOnLoopback() {
    Map<String, String> properties = BrokerProperties.singleNode(spec(localTieredStorage()), PORTS, DATA);

    assertEquals("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093", properties.get("listeners"));
    assertEquals(properties.get("listeners"), properties.get("advertised.listeners"));
    assertEquals("127.0.0.1:19093", properties.get("controller.quorum.bootstrap.servers"));
  }

  @Test
  void thePluginLoadsFromItsOwnClassPathWithItsConfigUnderTheRsmPrefix() {
    RemoteStoragePlugin floe = RemoteStoragePlugin.fromDirectory("io.floe.plugin.IcebergRemoteStorageManager",
        Path.of("/opt/floe/lib"), Map.of("iceberg.catalog.type", "jdbc"));

    Map<String, String> properties = BrokerProperties.singleNode(spec(floe), PORTS, DATA);

    assertEquals("true", properties.get("remote.log.storage.system.enable"));
    assertEquals("io.floe.plugin.IcebergRemoteStorageManager", properties.get("remote.log.storage.manager.class.name"));
    assertEquals("/opt/floe/lib/*", properties.get("remote.log.storage.manager.class.path"));
    assertEquals("jdbc", properties.get("rsm.config.iceberg.catalog.type"));
    assertFalse(properties.containsKey("iceberg.catalog.type"));
  }

  @Test
  void aPluginOnTheBrokersClassPathNeedsNoPluginClassPath() {
    RemoteStoragePlugin onBrokerClassPath = new RemoteStoragePlugin("com.example.Rsm", Optional.empty(), Map.of());

    Map<String, String> properties = BrokerProperties.singleNode(spec(onBrokerClassPath), PORTS, DATA);

    assertFalse(properties.containsKey("remote.log.storage.manager.class.path"));
  }

  @Test
  void theTopicBasedMetadataManagerFitsOneNode() {
    Map<String, String> properties = BrokerProperties.singleNode(spec(localTieredStorage()), PORTS, DATA);

    assertEquals("1", properties.get("rlmm.config.remote.log.metadata.topic.replication.factor"));
    assertEquals("1", properties.get("rlmm.config.remote.log.metadata.topic.min.isr"));
    assertEquals("PLAINTEXT", properties.get("remote.log.metadata.manager.listener.name"));
  }

  @Test
  void aPropertyOfTheTestWinsOverTheSingleNodeDefault() {
    BrokerSpec spec = spec(localTieredStorage()).withProperty("remote.log.manager.task.interval.ms", "30000");

    Map<String, String> properties = BrokerProperties.singleNode(spec, PORTS, DATA);

    assertEquals("30000", properties.get("remote.log.manager.task.interval.ms"));
    assertTrue(properties.containsKey("log.retention.check.interval.ms"));
  }

  @Test
  void everyNodeOfAClusterIsAVoterOfOneStaticQuorum() {
    List<BrokerPorts> ports = List.of(PORTS, new BrokerPorts(29092, 29093), new BrokerPorts(39092, 39093));

    Map<String, String> second = BrokerProperties.clusterNode(spec(localTieredStorage()), 2, ports, DATA);

    assertEquals("2", second.get("node.id"));
    assertEquals("1@127.0.0.1:19093,2@127.0.0.1:29093,3@127.0.0.1:39093", second.get("controller.quorum.voters"));
    assertFalse(second.containsKey("controller.quorum.bootstrap.servers"));
    assertEquals("PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093", second.get("listeners"));
  }

  @Test
  void aClustersInternalTopicsOutliveOneNode() {
    List<BrokerPorts> ports = List.of(PORTS, new BrokerPorts(29092, 29093), new BrokerPorts(39092, 39093));

    Map<String, String> node = BrokerProperties.clusterNode(spec(localTieredStorage()), 1, ports, DATA);

    assertEquals("3", node.get("rlmm.config.remote.log.metadata.topic.replication.factor"));
    assertEquals("2", node.get("rlmm.config.remote.log.metadata.topic.min.isr"));
    assertEquals("3", node.get("offsets.topic.replication.factor"));
    assertEquals("2", node.get("transaction.state.log.min.isr"));
  }

  private static RemoteStoragePlugin localTieredStorage() {
    return RemoteStoragePlugin.localTieredStorage(KAFKA, Path.of("/var/lib/remote"));
  }

  private static BrokerSpec spec(RemoteStoragePlugin plugin) {
    return BrokerSpec.of(KAFKA, plugin);
  }
}
