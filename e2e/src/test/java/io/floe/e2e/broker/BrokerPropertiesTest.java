package io.floe.e2e.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A single-node broker's configuration: loopback only, tiering on, the plugin as asked. */
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

  private static RemoteStoragePlugin localTieredStorage() {
    return RemoteStoragePlugin.localTieredStorage(KAFKA, Path.of("/var/lib/remote"));
  }

  private static BrokerSpec spec(RemoteStoragePlugin plugin) {
    return BrokerSpec.of(KAFKA, plugin);
  }
}
