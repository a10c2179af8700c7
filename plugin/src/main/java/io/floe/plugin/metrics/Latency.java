package io.floe.plugin.metrics;

import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Percentile;
import org.apache.kafka.common.metrics.stats.Percentiles;
import org.apache.kafka.common.metrics.stats.Percentiles.BucketSizing;

/**
 * A latency in milliseconds, {@code <name>-ms-avg}, {@code -max}, {@code -p50}, {@code -p95} and
 * {@code -p99} over the last minute or so (Kafka's default two samples of 30 s), and the count of
 * operations since the broker started, {@code <name>-total}. Percentiles come from a histogram of
 * 1000 buckets up to {@code maxMs} whose widths grow linearly (Kafka's {@code LINEAR} sizing): a
 * bounded memory per topic, and a resolution that follows the latency (with copies' 120 s, about
 * 1 ms near 3 ms and 120 ms near 30 s). A percentile is its bucket's lower bound; a slower
 * operation than {@code maxMs} falls in the last bucket, while {@code -max} still shows it.
 */
final class Latency {
  private static final int HISTOGRAM_BYTES = 4000;

  private Latency() {}

  /** The sensor of {@code name}'s latency: {@code what} says what is timed, {@code counted} what the total counts. */
  static Sensor sensor(FloeMetrics metrics, String group, String name, String what, String counted,
      Map<String, String> tags, double maxMs) {
    String latency = name + "-latency-ms";
    return metrics.sensor(group, latency, tags, sensor -> {
      sensor.add(metrics.name(group, latency + "-avg", "Average time to " + what + ", ms.", tags), new Avg());
      sensor.add(metrics.name(group, latency + "-max", "Longest time to " + what + ", ms.", tags), new Max());
      sensor.add(new Percentiles(HISTOGRAM_BYTES, maxMs, BucketSizing.LINEAR,
          percentile(metrics, group, latency, what, tags, 50),
          percentile(metrics, group, latency, what, tags, 95),
          percentile(metrics, group, latency, what, tags, 99)));
      sensor.add(metrics.name(group, name + "-total", counted + " since the broker started.", tags),
          new CumulativeCount());
    });
  }

  private static Percentile percentile(FloeMetrics metrics, String group, String latency, String what,
      Map<String, String> tags, int percent) {
    return new Percentile(metrics.name(group, latency + "-p" + percent,
        percent + "th percentile of the time to " + what + ", ms.", tags), percent);
  }

  static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
