package io.floe.e2e.workload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Everything produced to one topic, as acknowledged, in the order of the log. */
public final class ProducedRecords {
  private static final Comparator<ProducedRecord> LOG_ORDER =
      Comparator.comparingInt(ProducedRecord::partition).thenComparingLong(ProducedRecord::offset);

  private final String topic;
  private final List<ProducedRecord> records = new ArrayList<>();

  public ProducedRecords(String topic) {
    this.topic = topic;
  }

  /** What a consumer with this isolation level must read, partition by partition, in offset order. */
  public List<ProducedRecord> visibleTo(IsolationLevel isolation) {
    return records.stream().filter(r -> r.isVisibleTo(isolation)).sorted(LOG_ORDER).toList();
  }

  /** The offset of the last record produced to each partition so far. */
  public Map<TopicPartition, Long> lastOffsets() {
    return records.stream().collect(Collectors.toMap(r -> new TopicPartition(topic, r.partition()),
        ProducedRecord::offset, Math::max, () -> new TreeMap<>(Comparator.comparingInt(TopicPartition::partition))));
  }

  void addAll(List<ProducedRecord> acknowledged) {
    records.addAll(acknowledged);
  }
}
