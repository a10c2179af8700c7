package io.floe.plugin.values;

import io.floe.translator.value.ValueStats;
import java.io.Closeable;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MeasurableStat;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.common.utils.Time;

/**
 * Per topic, how uploaded values were stored, in JMX under {@code io.floe:type=value-typing,topic=…}:
 * values typed, kept raw and breaking their writer schema since the broker started, and the
 * fraction kept raw in the topic's last uploaded segment. Floe registers its own JMX metrics, with Kafka's metrics library, because the
 * broker's plugin metrics (KIP-877) exist only from Kafka 4.1 and Floe also runs on 3.9.
 */
public final class ValueMetrics implements Closeable {
  private static final String GROUP = "value-typing";

  private final Metrics metrics;
  private final String brokerId;

  public ValueMetrics(String brokerId) {
    this.brokerId = brokerId;
    this.metrics = new Metrics(new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM,
        new KafkaMetricsContext("io.floe"));
  }

  /** Records the values of one uploaded segment of {@code topic}. Serialized: sensors are made on first use. */
  public synchronized void record(String topic, ValueStats stats) {
    Map<String, String> tags = Map.of("topic", topic, "broker", brokerId);
    sensor(tags, "values-typed-total", "Values stored as typed columns.", new CumulativeSum()).record(stats.typed());
    sensor(tags, "values-raw-total", "Values whose bytes were kept raw.", new CumulativeSum()).record(stats.rawValues());
    sensor(tags, "values-violating-schema-total", "Values that broke their writer schema yet got their columns"
        + " (a JSON null where the schema admits none).", new CumulativeSum()).record(stats.schemaViolations());
    if (stats.values() > 0) {
      sensor(tags, "values-raw-fraction", "Fraction of the values of the topic's last uploaded segment kept raw.",
          new Value()).record(stats.rawFraction());
    }
  }

  private Sensor sensor(Map<String, String> tags, String name, String description, MeasurableStat stat) {
    String sensorName = name + ":" + tags.get("topic");
    Sensor sensor = metrics.getSensor(sensorName);
    if (sensor == null) {
      sensor = metrics.sensor(sensorName);
      sensor.add(new MetricName(name, GROUP, description, tags), stat);
    }
    return sensor;
  }

  @Override
  public void close() {
    metrics.close();
  }
}
