package io.floe.e2e.broker;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.server.log.remote.metadata.storage.serialization.RemoteLogMetadataSerde;
import org.apache.kafka.server.log.remote.storage.RemoteLogMetadata;
import org.apache.kafka.server.log.remote.storage.RemoteLogSegmentId;
import org.apache.kafka.server.log.remote.storage.RemoteLogSegmentMetadata;
import org.apache.kafka.server.log.remote.storage.RemoteLogSegmentMetadataUpdate;
import org.apache.kafka.server.log.remote.storage.RemoteLogSegmentState;

/**
 * The remote segments of a topic as the brokers recorded them, read from Kafka's remote log
 * metadata topic with Kafka's own decoder: what the broker's remote reads go by, whatever the
 * remote storage manager stored.
 */
public final class RecordedRemoteSegments {
  private static final String TOPIC = "__remote_log_metadata";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /**
   * One copy of a segment: the segment's id and offsets, and whether the segment's own
   * transaction index was empty, in which case brokers from Kafka 4.0 on never read its remote one.
   */
  public record RecordedSegment(String segmentId, TopicPartition partition, long startOffset, long endOffset,
      boolean transactionIndexEmpty) {}

  private RecordedRemoteSegments() {}

  /**
   * The segments of {@code topic} whose copy the brokers recorded finished and whose deletion they
   * have not begun: those a remote read can be served from now.
   */
  public static List<RecordedSegment> finished(KafkaService broker, String topic) {
    RemoteLogMetadataSerde serde = new RemoteLogMetadataSerde();
    Map<RemoteLogSegmentId, RecordedSegment> segments = new HashMap<>();
    Map<RemoteLogSegmentId, RemoteLogSegmentState> states = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, TIMEOUT).stream()
          .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp, TIMEOUT) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Cannot read " + TOPIC + " to its end " + ends + " within " + TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          RemoteLogMetadata metadata = serde.deserialize(record.value());
          if (!metadata.topicIdPartition().topic().equals(topic)) {
            continue;
          }
          if (metadata instanceof RemoteLogSegmentMetadata segment) {
            segments.put(segment.remoteLogSegmentId(), new RecordedSegment(segment.remoteLogSegmentId().id().toString(),
                segment.topicIdPartition().topicPartition(), segment.startOffset(), segment.endOffset(),
                segment.isTxnIdxEmpty()));
            states.put(segment.remoteLogSegmentId(), segment.state());
          } else if (metadata instanceof RemoteLogSegmentMetadataUpdate update) {
            states.put(update.remoteLogSegmentId(), update.state());
          }
        }
      }
    }
    return segments.entrySet().stream()
        .filter(segment -> states.get(segment.getKey()) == RemoteLogSegmentState.COPY_SEGMENT_FINISHED)
        .map(Map.Entry::getValue).toList();
  }
}
