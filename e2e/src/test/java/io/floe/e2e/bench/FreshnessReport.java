package io.floe.e2e.bench;

import io.floe.e2e.bench.FreshnessResult.TopicFigures;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.plugin.config.MaintenanceConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A freshness run's figures as Markdown: what was run, then the two topics side by side, each
 * figure with issue 13's target where it has one. MB are 10^6 bytes.
 */
final class FreshnessReport {
  /** Issue 13: with {@code segment.ms=60000}, p99 produce → row in {@code main} at most this. */
  static final Duration P99_TARGET = Duration.ofSeconds(90);
  /**
   * With maintenance on: data files per (table partition, Kafka partition) holding rows older than
   * maintenance has had the time to compact (the min age and an interval), at most.
   */
  static final int FILES_TARGET = 2;
  /** With maintenance on: snapshots of {@code main}, at most. */
  static final int SNAPSHOTS_TARGET = 100;
  private static final double MB = 1e6;

  private final FreshnessResult result;
  private final StringBuilder text = new StringBuilder();

  FreshnessReport(FreshnessResult result) {
    this.result = result;
  }

  String markdown() {
    text.setLength(0);
    FreshnessSettings settings = result.settings();
    String minAge = human(settings.compactionMinAge());
    String minAgeAndInterval = human(settings.compactionMinAge().plus(settings.maintenanceInterval()));
    line("## Freshness: produce to `main`, and files after %s", human(settings.duration()));
    line("");
    line("Records acknowledged in the first %s were timed; the run took %s in all (producing on until `main` showed "
        + "them all). Commit %s; %d cores, %s %s, Java %s; %s.", human(settings.duration()), human(result.measured()),
        result.revision(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
        System.getProperty("os.version"), System.getProperty("java.runtime.version"), KafkaDistribution.current());
    line("Load average: %s. Broker CPU over the run: %.0f s (%.2f cores on average).", result.load(),
        seconds(result.brokerCpu()), seconds(result.brokerCpu()) / seconds(result.measured()));
    line("Every record of both topics was read back from remote storage exactly (count, order and SHA-256 of keys and "
        + "values, per partition): %s.", result.topics().stream()
        .map(t -> String.format(Locale.ROOT, "`%s` %,d records, %.1f MB", t.topic(), t.consumedRecords(),
            t.consumedBytes() / MB))
        .collect(Collectors.joining("; ")));
    line("");
    settings();
    line("");
    line("| | %s | target |", result.topics().stream().map(t -> "`" + t.topic() + "` (maintenance "
        + (t.maintained() ? "on" : "off") + ")").collect(Collectors.joining(" | ")));
    line("| --- |%s --- |", " ---: |".repeat(result.topics().size()));
    row("produce → `main`, p50", t -> secondsText(t.delays().p50()), "");
    row("produce → `main`, p99", t -> secondsText(t.delays().p99()), "≤ " + secondsText(P99_TARGET));
    row("produce → `main`, max", t -> secondsText(t.delays().max()), "");
    row("records timed", t -> String.format(Locale.ROOT, "%,d", t.delays().count()), "");
    row("data files of `main`", t -> Integer.toString(t.layout().mainFiles()), "");
    row("data files per (table partition, Kafka partition), max / mean", t -> spread(t.layout().files()), "");
    row("… committed more than " + minAge + " (the min age) before the end", t -> spread(t.layout().filesCommittedBefore()),
        "");
    row("… holding rows older than " + minAge, t -> spread(t.layout().filesOfRowsBefore()), "");
    row("… holding rows older than " + minAgeAndInterval + " (min age + maintenance interval)",
        t -> spread(t.layout().filesOfRowsBeforeAPass()), "≤ " + FILES_TARGET + ", maintained");
    row("snapshots of `main`", t -> Integer.toString(t.layout().mainSnapshots()), "≤ " + SNAPSHOTS_TARGET + ", maintained");
    row("data bytes of `main`", t -> megabytes(t.layout().mainBytes()), "");
    row("`floe` branch: data files, bytes", t -> t.layout().floeFiles() + ", " + megabytes(t.layout().floeBytes()), "");
    row("data bytes of the table (both branches, each file once)", t -> megabytes(t.layout().tableBytes()), "");
    line("");
    line("Targets met: %s.", result.topics().stream().map(this::targetsMet).collect(Collectors.joining("; ")));
    return text.toString();
  }

  private void settings() {
    FreshnessSettings settings = result.settings();
    line("| setting | value |");
    line("| --- | --- |");
    line("| topics | %s: %d partitions each, `segment.ms=%d`, `local.retention.ms=1000`, `retention.ms=-1` |",
        result.topics().stream().map(t -> "`" + t.topic() + "`").collect(Collectors.joining(", ")),
        FreshnessSettings.PARTITIONS, FreshnessSettings.SEGMENT_AGE.toMillis());
    line("| producer | %d records a second to each topic, the same to both (16-byte key, 1,024-byte JSON-like value), "
        + "partitions in turn, `acks=all`, idempotent, no codec, `linger.ms=5` |", settings.recordsPerSecond());
    line("| `remote.log.manager.task.interval.ms` | %d |", FreshnessSettings.TASK_INTERVAL.toMillis());
    line("| Floe maintenance of `%s` only | `%s=%d`, `%s=%d`, `%s=%d` (%s); the other `maintenance.*` keys at their "
            + "defaults (compaction on, to 512 MiB files; snapshots younger than 10 minutes kept) |", FreshnessRun.MAINTAINED,
        MaintenanceConfig.INTERVAL, settings.maintenanceInterval().toMillis(), MaintenanceConfig.RETAIN_LAST,
        FreshnessSettings.RETAIN_LAST_SNAPSHOTS, MaintenanceConfig.COMPACTION_MIN_AGE,
        settings.compactionMinAge().toMillis(), human(settings.compactionMinAge()));
    line("| looks at `main` | every %s through the warehouse's SQLite catalog, each reading the snapshots committed "
        + "since the last; a record's delay ends at the first look that shows it; %d looks failed%s |",
        human(FreshnessSettings.LOOK_INTERVAL), result.failedLooks(),
        result.firstFailedLook().map(first -> " (the first: " + first + ")").orElse(""));
  }

  private String targetsMet(TopicFigures topic) {
    String p99 = "p99 " + (topic.delays().p99().compareTo(P99_TARGET) <= 0 ? "yes" : "no");
    if (!topic.maintained()) {
      return "`" + topic.topic() + "` " + p99;
    }
    return String.format("`%s` %s, files %s, snapshots %s", topic.topic(), p99,
        topic.layout().filesOfRowsBeforeAPass().max() <= FILES_TARGET ? "yes" : "no",
        topic.layout().mainSnapshots() <= SNAPSHOTS_TARGET ? "yes" : "no");
  }

  private void row(String label, Function<TopicFigures, String> cell, String target) {
    line("| %s | %s | %s |", label, result.topics().stream().map(cell).collect(Collectors.joining(" | ")), target);
  }

  private static String spread(TableLayout.Spread spread) {
    return String.format(Locale.ROOT, "%d / %.1f", spread.max(), spread.mean());
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / MB);
  }

  private static String secondsText(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", seconds(duration));
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  /** {@code 15 min}, {@code 61 min 12 s} or {@code 1 s}, to the second, as a reader says it. */
  private static String human(Duration duration) {
    long minutes = duration.toMinutes();
    long secondsLeft = duration.toSecondsPart();
    if (minutes == 0) {
      return secondsLeft + " s";
    }
    return secondsLeft == 0 ? minutes + " min" : minutes + " min " + secondsLeft + " s";
  }

  private void line(String format, Object... args) {
    text.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
