package io.floe.e2e.strimzi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaClusterSpec;
import io.strimzi.api.kafka.model.kafka.KafkaSpec;
import io.strimzi.api.kafka.model.kafka.tieredstorage.RemoteStorageManager;
import io.strimzi.api.kafka.model.kafka.tieredstorage.TieredStorageCustom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrimziBrokerConfigTest {
  @Test
  void writesTheTieredStorageAndUserConfigurationAsStrimziDoes() {
    Kafka kafka = kafka(Map.of(
        "config.providers", "env",
        "rlmm.config.remote.log.metadata.topic.replication.factor", 1,
        "ssl.protocol", "TLSv1.3"));

    assertEquals(Map.of(
        "remote.log.storage.system.enable", "true",
        "remote.log.metadata.manager.impl.prefix", "rlmm.config.",
        "remote.log.metadata.manager.class.name",
        "org.apache.kafka.server.log.remote.metadata.storage.TopicBasedRemoteLogMetadataManager",
        "remote.log.storage.manager.class.name", "io.floe.plugin.IcebergRemoteStorageManager",
        "remote.log.storage.manager.class.path", "/opt/kafka/plugins/floe/lib/*",
        "remote.log.storage.manager.impl.prefix", "rsm.config.",
        "rsm.config.iceberg.catalog.warehouse", "file:///var/lib/kafka/data-0/floe-warehouse",
        "config.providers", "env",
        "rlmm.config.remote.log.metadata.topic.replication.factor", "1",
        "ssl.protocol", "TLSv1.3"), StrimziBrokerConfig.of(kafka).properties());
  }

  @Test
  void refusesAKeyStrimziIgnores() {
    Kafka kafka = kafka(Map.of("ssl.keystore.location", "/etc/keystore.p12"));

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> StrimziBrokerConfig.of(kafka));
    assertTrue(refused.getMessage().startsWith("Cannot configure ssl.keystore.location in Kafka my-cluster: Strimzi ignores it"),
        refused.getMessage());
  }

  private static Kafka kafka(Map<String, Object> config) {
    RemoteStorageManager rsm = new RemoteStorageManager();
    rsm.setClassName("io.floe.plugin.IcebergRemoteStorageManager");
    rsm.setClassPath("/opt/kafka/plugins/floe/lib/*");
    rsm.setConfig(Map.of("iceberg.catalog.warehouse", "file:///var/lib/kafka/data-0/floe-warehouse"));
    TieredStorageCustom tieredStorage = new TieredStorageCustom();
    tieredStorage.setRemoteStorageManager(rsm);
    KafkaClusterSpec cluster = new KafkaClusterSpec();
    cluster.setConfig(config);
    cluster.setTieredStorage(tieredStorage);
    KafkaSpec spec = new KafkaSpec();
    spec.setKafka(cluster);
    Kafka kafka = new Kafka(spec, null);
    kafka.setMetadata(new ObjectMetaBuilder().withName("my-cluster").build());
    return kafka;
  }
}
