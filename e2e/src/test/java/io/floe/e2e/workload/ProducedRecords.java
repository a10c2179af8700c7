package io.floe.e2e.workload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Everything produced to a topic, as acknowledged, and what each kind of consumer must read of it. */
public final class ProducedRecords {
  private static final Comparator<ProducedRecord> LOG_ORDER =
      Comparator.comparingInt(ProducedRecord::partition).thenComparingLong(ProducedRecord::offset);

  private final List<ProducedRecord> records = new ArrayList<>();

  /** What a consumer with this isolation level must read, partition by partition, in offset order. */
  public List<ProducedRecord> visibleTo(IsolationLevel isolation) {
    return records.stream().filter(r -> r.isVisibleTo(isolation)).sorted(LOG_ORDER).toList();
  }

  /**
   * The records at or after their partition's offset in {@code firstOffsets}: what a log still
   * holds once retention moved its start there.
   */
  public ProducedRecords from(Map<TopicPartition, Long> firstOffsets) {
    ProducedRecords kept = new ProducedRecords();
    records.stream().filter(r -> r.offset() >= firstOffsets.entrySet().stream()
            .filter(e -> e.getKey().partition() == r.partition()).mapToLong(Map.Entry::getValue).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("No first offset for partition " + r.partition() + ": " + firstOffsets)))
        .forEach(kept.records::add);
    return kept;
  }

  void addAll(List<ProducedRecord> acknowledged) {
    records.addAll(acknowledged);
  }
}
