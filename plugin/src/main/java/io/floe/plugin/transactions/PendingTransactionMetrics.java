package io.floe.plugin.transactions;

import io.floe.plugin.metrics.FloeMetrics;
import org.apache.kafka.common.metrics.stats.Value;

/**
 * Per partition, the rows tiered that wait for their transaction's outcome before analysts see
 * them, in JMX under {@code io.floe:type=pending-transactions,topic=…,partition=…,broker=…}: as the
 * last upload of the partition on this broker left them. A value that stays above zero while the
 * partition keeps tiering means a transaction whose marker is in a segment that does not roll.
 */
public final class PendingRowMetrics {
  private final FloeMetrics metrics;

  public PendingRowMetrics(FloeMetrics metrics) {
    this.metrics = metrics;
  }

  /** Records the pending rows of a partition after an upload. */
  public void record(String topic, int partition, long pendingRows) {
    metrics.sensor("pending-transactions", "pending-rows",
        "Rows of the partition tiered whose transaction's outcome is not tiered yet: not in main until it is.",
        metrics.tags(topic, "partition", Integer.toString(partition)), new Value()).record(pendingRows);
  }
}
