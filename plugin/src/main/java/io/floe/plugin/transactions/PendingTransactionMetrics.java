package io.floe.plugin.transactions;

import io.floe.plugin.metrics.FloeMetrics;
import io.floe.writer.UploadReport;
import java.util.Map;
import org.apache.kafka.common.metrics.stats.Value;

/**
 * Per partition, how far {@code main} is behind what the broker tiered, in JMX under
 * {@code io.floe:type=pending-transactions,topic=…,broker=…,partition=…}, as the last upload of the
 * partition on this broker left it: the rows that wait for their transaction's outcome before
 * analysts see them, and the offsets from the first of them to the end of that upload's segment.
 * Every other tiered row is in {@code main} from the upload's own commit. A value that stays above
 * zero while the partition keeps tiering means a transaction whose marker is in a segment that
 * does not roll.
 */
public final class PendingTransactionMetrics {
  private static final String GROUP = "pending-transactions";

  private final FloeMetrics metrics;

  public PendingTransactionMetrics(FloeMetrics metrics) {
    this.metrics = metrics;
  }

  /** Records the partition's pending rows and lag after an upload. */
  public void record(String topic, int partition, UploadReport report) {
    Map<String, String> tags = metrics.tags(topic, "partition", Integer.toString(partition));
    metrics.sensor(GROUP, "pending-rows",
        "Rows of the partition tiered whose transaction's outcome is not tiered yet: not in main until it is.",
        tags, new Value()).record(report.pendingRows());
    metrics.sensor(GROUP, "main-lag-offsets",
        "Offsets of the partition tiered that main does not show yet: from the first row that waits for its "
            + "transaction's outcome to the end of the last segment tiered; 0 when none waits.",
        tags, new Value()).record(report.mainLagOffsets());
  }
}
