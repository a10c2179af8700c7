package io.floe.e2e.bench;

import io.floe.e2e.broker.KafkaService;
import io.floe.e2e.topic.AdminCalls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Rolls a partition's active segment, which is never tiered, so that every record of a workload
 * lies in segments the broker will copy. Producing a segment's worth of filler would do it too, but
 * with 128 MiB segments that is as much again as a run's tiered data: instead the topic's
 * {@code segment.ms} drops to 1 ms, which rolls the segment at the next append.
 */
final class ActiveSegment {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration LOOK_INTERVAL = Duration.ofMillis(100);

  private ActiveSegment() {
  }

  /**
   * Appends with {@code appendOne} until the active segment of {@code partitionDir} starts at or
   * past {@code end}: each call appends one record, and the first appends may land before the broker
   * applies the new {@code segment.ms}.
   */
  static void rollPast(KafkaService broker, String topic, Path partitionDir, long end, Runnable appendOne) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    AlterConfigOp rollAtNextAppend = new AlterConfigOp(new ConfigEntry(TopicConfig.SEGMENT_MS_CONFIG, "1"),
        AlterConfigOp.OpType.SET);
    AdminCalls.answer("roll the active segment of " + topic + " on " + broker,
        broker.admin().incrementalAlterConfigs(Map.of(resource, List.of(rollAtNextAppend))).all());
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (LocalSegments.activeBaseOffset(partitionDir) < end) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(String.format("Cannot roll the active segment of %s past offset %d within %s",
            partitionDir, end, TIMEOUT));
      }
      appendOne.run();
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(LOOK_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while rolling a segment", e);
    }
  }
}
