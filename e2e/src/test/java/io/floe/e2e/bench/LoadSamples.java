package io.floe.e2e.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The machine's load average sampled through a long run, at most once a minute: a run of an hour
 * shares the machine with whatever else ran meanwhile, which one figure at each end would hide.
 */
final class LoadSamples {
  private static final Duration EVERY = Duration.ofMinutes(1);

  private final List<LoadAverage> samples = new ArrayList<>();
  private long lastNanos;

  LoadSamples() {
    samples.add(LoadAverage.now());
    lastNanos = System.nanoTime();
  }

  /** Takes a sample if the last is a minute old. */
  void sample() {
    long now = System.nanoTime();
    if (now - lastNanos >= EVERY.toNanos()) {
      samples.add(LoadAverage.now());
      lastNanos = now;
    }
  }

  /** The first and last samples, and the mean and highest of the one-minute figures of all of them. */
  String describe() {
    double mean = samples.stream().mapToDouble(LoadAverage::oneMinute).average().orElse(Double.NaN);
    double max = samples.stream().mapToDouble(LoadAverage::oneMinute).max().orElse(Double.NaN);
    return String.format(Locale.ROOT, "%s at the start, %s at the end (1, 5, 15 min); one-minute load mean %.2f, "
        + "highest %.2f over %d samples a minute apart", samples.get(0), samples.get(samples.size() - 1), mean, max,
        samples.size());
  }
}
