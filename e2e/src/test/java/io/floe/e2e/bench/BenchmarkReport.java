package io.floe.e2e.bench;

import io.floe.e2e.broker.KafkaDistribution;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One workload's figures as a Markdown table, Floe beside LocalTieredStorage with their ratio.
 * MB are 10^6 bytes; throughputs are bytes of keys and values per second.
 */
final class BenchmarkReport {
  private static final double MB = 1e6;

  private final RunResult floe;
  private final RunResult local;
  private final StringBuilder text = new StringBuilder();

  BenchmarkReport(RunResult floe, RunResult local) {
    this.floe = floe;
    this.local = local;
  }

  String markdown() {
    text.setLength(0);
    Fingerprint records = floe.records();
    line("### Workload `%s`", floe.workload().name());
    line("");
    line("%,d records to one partition (%s): %,d bytes of keys and values (%.1f MB).", records.records(),
        floe.workload().description(), records.keyValueBytes(), records.keyValueBytes() / MB);
    line("Both stores served every record back from remote storage exactly as produced (count, order and SHA-256 "
        + "of keys and values: %s).", records.sha256());
    line("Machine: %d cores, %s %s, Java %s; %s.", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.runtime.version"),
        KafkaDistribution.current());
    line("");
    line("| | %s | %s | %s / %s |", floe.store(), local.store(), floe.store(), local.store());
    line("| --- | ---: | ---: | ---: |");
    row("segments tiered", r -> String.format("%d", r.segments().count()), null);
    row("bytes of those segments", r -> megabytes(r.segments().bytes()), null);
    row("producing, copying held back", r -> seconds(r.produce()) + " (" + throughput(r, r.produce()) + ")", null);
    row("**time to tier**: copied and deleted locally", r -> seconds(r.tiered()), r -> secondsOf(r.tiered()));
    row("of which until the last record was copied", r -> seconds(r.copied()), r -> secondsOf(r.copied()));
    row("**tiering throughput**", r -> throughput(r, r.tiered()), r -> rate(r, r.tiered()));
    row("broker CPU while tiering", r -> seconds(r.tieringCpu()), r -> secondsOf(r.tieringCpu()));
    row("**time to consume** from remote storage", r -> seconds(r.consume()), r -> secondsOf(r.consume()));
    row("**consuming throughput**", r -> throughput(r, r.consume()), r -> rate(r, r.consume()));
    row("broker CPU while consuming", r -> seconds(r.consumingCpu()), r -> secondsOf(r.consumingCpu()));
    row("**remote storage size**", r -> megabytes(r.stored().total()), r -> (double) r.stored().total());
    row("load average (1, 5, 15 min) before", r -> r.loadBefore().toString(), null);
    row("load average (1, 5, 15 min) after", r -> r.loadAfter().toString(), null);
    line("");
    line("Remote storage by kind of file:");
    line("");
    line("- %s: %s", floe.store(), kinds(floe.stored().byKind()));
    line("- %s: %s", local.store(), kinds(local.stored().byKind()));
    return text.toString();
  }

  /** Floe's figures over LocalTieredStorage's, as the workload's targets compare them. */
  Ratios ratios() {
    return new Ratios(floe.workload(), secondsOf(floe.tiered()) / secondsOf(local.tiered()),
        secondsOf(floe.tieringCpu()) / secondsOf(local.tieringCpu()),
        rate(floe, floe.consume()) / rate(local, local.consume()));
  }

  /** A table row; the ratio column is left empty when {@code figure} is null. */
  private void row(String label, Function<RunResult, String> cell, Function<RunResult, Double> figure) {
    String ratio = figure == null ? "" : String.format(Locale.ROOT, "%.2f", figure.apply(floe) / figure.apply(local));
    line("| %s | %s | %s | %s |", label, cell.apply(floe), cell.apply(local), ratio);
  }

  private static String kinds(Map<String, Long> byKind) {
    return byKind.entrySet().stream().map(e -> e.getKey() + " " + megabytes(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / MB);
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", secondsOf(duration));
  }

  private static double secondsOf(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  private static String throughput(RunResult run, Duration duration) {
    return String.format(Locale.ROOT, "%.1f MB/s", rate(run, duration));
  }

  private static double rate(RunResult run, Duration duration) {
    return run.records().keyValueBytes() / MB / secondsOf(duration);
  }

  private void line(String format, Object... args) {
    text.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
