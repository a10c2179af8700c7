package io.floe.e2e.workload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.IsolationLevel;

/** Everything produced to a topic, as acknowledged, and what each kind of consumer must read of it. */
public final class ProducedRecords {
  private static final Comparator<ProducedRecord> LOG_ORDER =
      Comparator.comparingInt(ProducedRecord::partition).thenComparingLong(ProducedRecord::offset);

  private final List<ProducedRecord> records = new ArrayList<>();

  /** What a consumer with this isolation level must read, partition by partition, in offset order. */
  public List<ProducedRecord> visibleTo(IsolationLevel isolation) {
    return records.stream().filter(r -> r.isVisibleTo(isolation)).sorted(LOG_ORDER).toList();
  }

  void addAll(List<ProducedRecord> acknowledged) {
    records.addAll(acknowledged);
  }
}
