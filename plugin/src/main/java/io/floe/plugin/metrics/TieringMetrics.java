package io.floe.plugin.metrics;

import io.floe.writer.table.CommitListener.CommitOutcome;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;

/**
 * Per topic, the segments the broker tiered through Floe and deleted, in JMX under
 * {@code io.floe:type=tiering,topic=…,broker=…}, and the attempts to commit to the topic's table;
 * failed copies and deletions by {@code error} kind. Table and classic segments alike.
 */
public final class TieringMetrics {
  private static final String GROUP = "tiering";
  /** A copy can take minutes: a large segment, a slow catalog, the registry's retries. */
  private static final double COPY_HISTOGRAM_MAX_MS = 120_000;

  private final FloeMetrics metrics;

  public TieringMetrics(FloeMetrics metrics) {
    this.metrics = metrics;
  }

  /** A copy of a segment of {@code topic}, started at {@code startNanos}, succeeded. */
  public void copied(String topic, long startNanos, long bytes, long offsets) {
    Map<String, String> tags = metrics.tags(topic);
    Latency.sensor(metrics, GROUP, "copy", "copy a segment", "Segments copied", tags, COPY_HISTOGRAM_MAX_MS)
        .record(Latency.millisSince(startNanos));
    metrics.sensor(GROUP, "bytes-tiered-total", "Bytes of the segments copied, as the broker's segment files.",
        tags, new CumulativeSum()).record(bytes);
    metrics.sensor(GROUP, "records-tiered-total", "Offsets the segments copied span: their records, and any"
        + " offsets compaction removed from them.", tags, new CumulativeSum()).record(offsets);
  }

  /** A copy of a segment of {@code topic} failed: the broker retries it if {@code retriable}. */
  public void copyFailed(String topic, boolean retriable) {
    counter("copy-failures-total", "Copies that failed, by error kind: retriable or fatal.",
        metrics.tags(topic, "error", retriable ? "retriable" : "fatal")).record();
  }

  /** A deletion of a segment of {@code topic} failed: the broker retries it if {@code retriable}. */
  public void deleteFailed(String topic, boolean retriable) {
    counter("delete-failures-total", "Deletions that failed, by error kind: retriable or fatal.",
        metrics.tags(topic, "error", retriable ? "retriable" : "fatal")).record();
  }

  /** An attempt to commit to the table of {@code topic} ended with {@code outcome}: uploads, deletions and schema changes alike. */
  public void commitAttempted(String topic, CommitOutcome outcome) {
    Map<String, String> tags = metrics.tags(topic);
    counter("commit-attempts-total", "Attempts to commit to the topic's table, each retry of a commit included.",
        tags).record();
    // Made with the first attempt, so that a dashboard shows no conflict as 0, not as no data.
    Sensor conflicts = counter("commit-conflicts-total", "Commit attempts the catalog refused because the table "
        + "changed first: another broker's or an operator's commit. Iceberg retries them on the table as it is then.",
        tags);
    if (outcome == CommitOutcome.CONFLICTED) {
      conflicts.record();
    }
  }

  /** The broker deleted a segment of {@code topic}. */
  public void deleted(String topic) {
    counter("deletes-total", "Segments deleted, including those already gone.", metrics.tags(topic)).record();
  }

  private Sensor counter(String name, String description, Map<String, String> tags) {
    return metrics.sensor(GROUP, name, description, tags, new CumulativeCount());
  }
}
