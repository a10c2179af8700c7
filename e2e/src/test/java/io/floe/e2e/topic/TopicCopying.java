package io.floe.e2e.topic;

import io.floe.e2e.broker.KafkaService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Holds back a tiered topic's copying to remote storage while it is produced to, then releases it,
 * so that the broker copies all the segments at once rather than each as producing rolls it. It uses {@code remote.log.copy.disable} (KIP-950): re-enabling it restarts
 * the broker's copy task at once. While copying is held, Kafka requires local retention to follow
 * {@code retention.*} (unlimited for a {@link TieredTopic}), so nothing is deleted locally either.
 */
public final class TopicCopying {
  private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration LOOK_INTERVAL = Duration.ofMillis(100);
  private static final List<String> LOCAL_RETENTION =
      List.of(TopicConfig.LOCAL_LOG_RETENTION_MS_CONFIG, TopicConfig.LOCAL_LOG_RETENTION_BYTES_CONFIG);

  private TopicCopying() {
  }

  /** Holds copying back, and returns once the broker reports the topic's copying disabled. */
  public static void hold(KafkaService broker, TieredTopic topic) {
    List<AlterConfigOp> ops = new ArrayList<>();
    ops.add(set(TopicConfig.REMOTE_LOG_COPY_DISABLE_CONFIG, "true"));
    LOCAL_RETENTION.forEach(key -> ops.add(new AlterConfigOp(new ConfigEntry(key, ""), AlterConfigOp.OpType.DELETE)));
    alter(broker, topic, ops, "hold back copying of");
    long deadline = System.nanoTime() + APPLY_TIMEOUT.toNanos();
    while (!copyDisabled(broker, topic)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(String.format(
            "Cannot hold back copying of %s: %s does not report %s=true within %s",
            topic.name(), broker, TopicConfig.REMOTE_LOG_COPY_DISABLE_CONFIG, APPLY_TIMEOUT));
      }
      pause();
    }
  }

  /**
   * Releases copying, with the topic's own local retention again; fails if anything was tiered
   * while copying was held, since then not all of the work would start at once.
   */
  public static void release(KafkaService broker, TieredTopic topic) {
    Map<TopicPartition, ListOffsetsResultInfo> tiered = AdminCalls.answer("list the tiered offsets of " + topic.name(),
        broker.admin().listOffsets(topic.topicPartitions().stream()
            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latestTiered()))).all());
    tiered.forEach((partition, offset) -> {
      if (offset.offset() >= 0) {
        throw new IllegalStateException(String.format(
            "Cannot release copying of %s at once: offsets up to %d were tiered while copying was held",
            partition, offset.offset()));
      }
    });
    List<AlterConfigOp> ops = new ArrayList<>();
    ops.add(set(TopicConfig.REMOTE_LOG_COPY_DISABLE_CONFIG, "false"));
    LOCAL_RETENTION.forEach(key -> ops.add(set(key, topic.configs().get(key))));
    alter(broker, topic, ops, "release copying of");
  }

  private static boolean copyDisabled(KafkaService broker, TieredTopic topic) {
    ConfigResource resource = resource(topic);
    Config config = AdminCalls.answer("describe the configs of " + topic.name(),
        broker.admin().describeConfigs(List.of(resource)).all()).get(resource);
    ConfigEntry entry = config.get(TopicConfig.REMOTE_LOG_COPY_DISABLE_CONFIG);
    return entry != null && Boolean.parseBoolean(entry.value());
  }

  private static void alter(KafkaService broker, TieredTopic topic, Collection<AlterConfigOp> ops, String what) {
    AdminCalls.answer(what + " " + topic.name() + " on " + broker,
        broker.admin().incrementalAlterConfigs(Map.of(resource(topic), ops)).all());
  }

  private static AlterConfigOp set(String key, String value) {
    return new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET);
  }

  private static ConfigResource resource(TieredTopic topic) {
    return new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
  }


  private static void pause() {
    try {
      Thread.sleep(LOOK_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a topic config", e);
    }
  }
}
