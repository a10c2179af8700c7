package io.floe.e2e.bench;

import io.floe.plugin.config.MaintenanceConfig;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What a freshness run is asked: how long it measures, how fast it produces, the compaction's min
 * age and how often maintenance runs; the rest is fixed here and printed with the figures. The topics' segments roll every
 * minute, and the broker looks for segments to tier every 10 seconds (the harness's 1 second would
 * flatter the figures; Kafka's default is 30): the settings docs/operations/maintenance.md works
 * through.
 *
 * @param duration how long records are produced and timed
 * @param recordsPerSecond records produced to each topic each second: about a kilobyte each, few
 *     enough to leave a 2-core machine mostly idle
 * @param compactionMinAge {@code maintenance.compaction.min-age.ms}: files of {@code main} committed
 *     more recently are not compacted
 * @param maintenanceInterval {@code maintenance.interval.ms}
 */
record FreshnessSettings(Duration duration, int recordsPerSecond, Duration compactionMinAge,
    Duration maintenanceInterval) {
  static final int PARTITIONS = 3;
  static final Duration SEGMENT_AGE = Duration.ofMinutes(1);
  static final Duration TASK_INTERVAL = Duration.ofSeconds(10);
  /**
   * {@code main} holds this many snapshots after a pass, and gains a commit per segment until the
   * next: three partitions rolling every minute add 15 in 5 minutes, a pass a few more.
   */
  static final int RETAIN_LAST_SNAPSHOTS = 50;
  static final Duration LOOK_INTERVAL = Duration.ofSeconds(1);

  private static final Duration DEFAULT_DURATION = Duration.ofMinutes(60);
  private static final int DEFAULT_RATE = 200;
  private static final Duration DEFAULT_COMPACTION_MIN_AGE = Duration.ofMinutes(15);
  private static final Duration DEFAULT_MAINTENANCE_INTERVAL = Duration.ofMinutes(5);

  FreshnessSettings {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("Invalid duration " + duration + ": must be positive");
    }
    if (recordsPerSecond < 1) {
      throw new IllegalArgumentException("Invalid rate " + recordsPerSecond + ": must be a record a second at least");
    }
    if (compactionMinAge.isNegative()) {
      throw new IllegalArgumentException("Invalid compaction min age " + compactionMinAge + ": must not be negative");
    }
    if (maintenanceInterval.toSeconds() < 1) {
      throw new IllegalArgumentException("Invalid maintenance interval " + maintenanceInterval + ": must be a second at least");
    }
  }

  /**
   * From {@code benchmark.freshness.duration}, {@code .rate}, {@code .compaction-min-age} and
   * {@code .maintenance-interval}; blank or unset: the defaults.
   */
  static FreshnessSettings fromSystemProperties() {
    return new FreshnessSettings(duration("benchmark.freshness.duration", DEFAULT_DURATION),
        Integer.parseInt(property("benchmark.freshness.rate", Integer.toString(DEFAULT_RATE))),
        duration("benchmark.freshness.compaction-min-age", DEFAULT_COMPACTION_MIN_AGE),
        duration("benchmark.freshness.maintenance-interval", DEFAULT_MAINTENANCE_INTERVAL));
  }

  /** The broker's properties over the harness's. */
  Map<String, String> brokerProperties() {
    return Map.of("remote.log.manager.task.interval.ms", Long.toString(TASK_INTERVAL.toMillis()));
  }

  /** Floe's settings ({@code rsm.config.*} without the prefix): maintenance of {@code maintainedTopic}'s table only. */
  Map<String, String> floeSettings(String maintainedTopic) {
    return Map.of(
        MaintenanceConfig.TOPICS, maintainedTopic,
        MaintenanceConfig.INTERVAL, Long.toString(maintenanceInterval.toMillis()),
        MaintenanceConfig.RETAIN_LAST, Integer.toString(RETAIN_LAST_SNAPSHOTS),
        MaintenanceConfig.COMPACTION_MIN_AGE, Long.toString(compactionMinAge.toMillis()));
  }

  private static Duration duration(String key, Duration otherwise) {
    String value = property(key, otherwise.toString());
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Cannot read " + key + "=" + value + ": not an ISO-8601 duration such as PT3M", e);
    }
  }

  private static String property(String key, String otherwise) {
    String value = System.getProperty(key);
    return value == null || value.isBlank() ? otherwise : value.trim();
  }
}
