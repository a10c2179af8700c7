package io.floe.plugin.metrics;

import java.io.Closeable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MeasurableStat;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Time;

/**
 * Floe's one metrics registry, in JMX under {@code io.floe:type=<group>,<tags>}: Kafka's metrics
 * library and its {@code JmxReporter}, not the broker's plugin metrics (KIP-877, {@code Monitorable}),
 * which exist only from Kafka 4.1 while Floe also runs on 3.9. Every metric is per topic and names
 * the broker, so that one dashboard can sum brokers or tell them apart.
 */
public final class FloeMetrics implements Closeable {
  private final Metrics metrics;
  private final String brokerId;

  public FloeMetrics(String brokerId) {
    this.brokerId = brokerId;
    this.metrics = new Metrics(new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM,
        new KafkaMetricsContext("io.floe"));
  }

  /**
   * The tags of a metric of {@code topic}: the topic, this broker, and {@code more} as key, value
   * pairs, in that order, which is the order of the MBean's name that exporters' rules match.
   */
  public Map<String, String> tags(String topic, String... more) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("topic", topic);
    tags.put("broker", brokerId);
    for (int i = 0; i < more.length; i += 2) {
      tags.put(more[i], more[i + 1]);
    }
    return tags;
  }

  /** The name of metric {@code name} of {@code group} with {@code tags}. */
  public MetricName name(String group, String name, String description, Map<String, String> tags) {
    return metrics.metricName(name, group, description, tags);
  }

  /** The sensor of one metric of one stat, made on first use. */
  public Sensor sensor(String group, String name, String description, Map<String, String> tags, MeasurableStat stat) {
    return sensor(group, name, tags, sensor -> sensor.add(name(group, name, description, tags), stat));
  }

  /**
   * The sensor {@code name} of {@code group} with {@code tags}, given its stats by {@code stats} when
   * it is made. Serialized, so that concurrent copies of one topic make it once.
   */
  public synchronized Sensor sensor(String group, String name, Map<String, String> tags, Consumer<Sensor> stats) {
    String key = group + ":" + name + new TreeMap<>(tags);
    Sensor sensor = metrics.getSensor(key);
    if (sensor == null) {
      sensor = metrics.sensor(key);
      stats.accept(sensor);
    }
    return sensor;
  }

  @Override
  public void close() {
    metrics.close();
  }
}
