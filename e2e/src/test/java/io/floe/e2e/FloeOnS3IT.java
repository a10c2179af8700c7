package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.broker.RemoteStoragePlugin;
import io.floe.e2e.check.ConsumedRecords;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.Workloads;
import io.floe.plugin.S3ProxyServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The round trip of FloeTieringIT with the warehouse on a real S3 API server (S3Proxy on loopback). */
class FloeOnS3IT {
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(90);
  private static final String BUCKET = "floe-warehouse";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void aMixedWorkloadTieredToS3ComesBackExactly() throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.start(dir);
        S3Client client = s3.client()) {
      client.createBucket(b -> b.bucket(BUCKET));
      RemoteStoragePlugin floe = FloeDistribution.built().withSettings(Map.of(
          "iceberg.catalog.warehouse", "s3://" + BUCKET + "/warehouse",
          "iceberg.catalog.uri", "jdbc:sqlite:" + dir.resolve("catalog.db"),
          "iceberg.catalog.s3.endpoint", s3.endpoint().toString(),
          "iceberg.catalog.s3.path-style-access", "true",
          "iceberg.catalog.s3.access-key-id", S3ProxyServer.ACCESS_KEY,
          "iceberg.catalog.s3.secret-access-key", S3ProxyServer.SECRET_KEY,
          "iceberg.catalog.client.region", S3ProxyServer.REGION));
      try (KafkaBroker broker = KafkaBroker.start(BrokerSpec.of(KafkaDistribution.current(), floe), dir.resolve("broker"))) {
        TieredTopic topic = TieredTopic.named("payments", BATCHES_PER_SEGMENT).create(broker);
        Workloads workloads = new Workloads(broker, topic);
        workloads.mixed(BATCHES_PER_SEGMENT);
        Map<TopicPartition, Long> end = topic.endOffsets(broker);
        workloads.plain(BATCHES_PER_SEGMENT + 1);
        topic.awaitTieredBefore(broker, end, TIERING_TIMEOUT);

        ConsumedRecords.fromStart(broker, topic, IsolationLevel.READ_UNCOMMITTED).assertExactly(workloads.produced());
        ConsumedRecords.fromStart(broker, topic, IsolationLevel.READ_COMMITTED).assertExactly(workloads.produced());
        assertTrue(broker.logs().linesContaining("Floe tiers topics matching") > 0, "Floe's log is read");
        assertEquals(0, broker.logs().linesContaining(S3ProxyServer.SECRET_KEY),
            "the S3 secret key reached the broker's output: " + broker.logs());
      }
      List<String> keys = client.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream()
          .map(S3Object::key).toList();
      assertTrue(keys.stream().anyMatch(k -> k.startsWith("warehouse/_floe/manifests/payments-")), keys.toString());
      assertTrue(keys.stream().anyMatch(k -> k.startsWith("warehouse/kafka/payments/data/")), keys.toString());
    }
  }
}
