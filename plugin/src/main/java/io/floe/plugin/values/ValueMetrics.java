package io.floe.plugin.values;

import io.floe.plugin.metrics.FloeMetrics;
import io.floe.translator.value.ValueStats;
import java.util.Map;
import org.apache.kafka.common.metrics.MeasurableStat;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Value;

/**
 * Per topic, how uploaded values were stored, in JMX under {@code io.floe:type=value-typing,topic=…,broker=…}:
 * values typed, kept raw and breaking their writer schema since the broker started, and the
 * fraction kept raw in the topic's last uploaded segment; under {@code reason=…}, values kept raw
 * by reason.
 */
public final class ValueMetrics {
  private static final String GROUP = "value-typing";

  private final FloeMetrics metrics;

  public ValueMetrics(FloeMetrics metrics) {
    this.metrics = metrics;
  }

  /** Records the values of one uploaded segment of {@code topic}. */
  public void record(String topic, ValueStats stats) {
    Map<String, String> tags = metrics.tags(topic);
    sensor(tags, "values-typed-total", "Values stored as typed columns.", new CumulativeSum()).record(stats.typed());
    sensor(tags, "values-raw-total", "Values whose bytes were kept raw.", new CumulativeSum()).record(stats.rawValues());
    stats.rawByReason().forEach((reason, count) -> sensor(metrics.tags(topic, "reason", reason.label()),
        "values-raw-by-reason-total", "Values whose bytes were kept raw for this reason.", new CumulativeSum())
        .record(count));
    sensor(tags, "values-violating-schema-total", "Values that broke their writer schema yet got their columns"
        + " (a JSON null where the schema admits none).", new CumulativeSum()).record(stats.schemaViolations());
    if (stats.values() > 0) {
      sensor(tags, "values-raw-fraction", "Fraction of the values of the topic's last uploaded segment kept raw.",
          new Value()).record(stats.rawFraction());
    }
  }

  private Sensor sensor(Map<String, String> tags, String name, String description, MeasurableStat stat) {
    return metrics.sensor(GROUP, name, description, tags, stat);
  }
}
