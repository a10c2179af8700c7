package io.floe.plugin.transactions;

import java.io.Closeable;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.common.utils.Time;

/**
 * Per partition, the rows tiered that wait for their transaction's outcome before analysts see
 * them, in JMX under {@code io.floe:type=pending-transactions,topic=…,partition=…}: as the last upload of
 * the partition on this broker left them. A value that stays above zero while the partition keeps
 * tiering means a transaction whose marker is in a segment that does not roll.
 */
public final class PendingRowMetrics implements Closeable {
  private static final String GROUP = "pending-transactions";

  private final Metrics metrics;
  private final String brokerId;

  public PendingRowMetrics(String brokerId) {
    this.brokerId = brokerId;
    this.metrics = new Metrics(new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM,
        new KafkaMetricsContext("io.floe"));
  }

  /** Records the pending rows of a partition after an upload. Serialized: sensors are made on first use. */
  public synchronized void record(String topic, int partition, long pendingRows) {
    String sensorName = "pending-rows:" + topic + "-" + partition;
    Sensor sensor = metrics.getSensor(sensorName);
    if (sensor == null) {
      sensor = metrics.sensor(sensorName);
      sensor.add(new MetricName("pending-rows", GROUP,
          "Rows of the partition tiered whose transaction's outcome is not tiered yet: not in main until it is.",
          Map.of("topic", topic, "partition", Integer.toString(partition), "broker", brokerId)), new Value());
    }
    sensor.record(pendingRows);
  }

  @Override
  public void close() {
    metrics.close();
  }
}
