package io.floe.e2e.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Freshness (issue 13): how soon a record produced to a topic of one-minute segments is a row of
 * {@code main}, and how many files and snapshots {@code main} holds after a run of steady traffic,
 * with Floe maintaining the table and without. Run by the {@code benchmarks} profile
 * ({@code docs/benchmarks.md} has the command), never by a plain build, unless
 * {@code benchmark.only} names other benchmarks. {@code benchmark.freshness.duration} (ISO-8601,
 * {@code PT60M} by default), {@code benchmark.freshness.rate} (records a second per topic, 200) and
 * {@code benchmark.freshness.compaction-min-age} ({@code PT15M}) set the run; it writes its report
 * to {@code <benchmark.freshness.dir>/report.md} and keeps the broker's work directory and the
 * warehouse there until the next run.
 */
class FreshnessBenchmark {

  @Test
  @EnabledIf("io.floe.e2e.bench.BenchmarkSelection#freshness")
  void mainIsFreshAndMaintenanceKeepsItsFilesAndSnapshotsFew() throws IOException {
    FreshnessSettings settings = FreshnessSettings.fromSystemProperties();
    Path dir = BenchmarkDirectory.fresh(
        Path.of(System.getProperty("benchmark.freshness.dir", "target/freshness-benchmark")).toAbsolutePath());
    String report = new FreshnessReport(FreshnessRun.of(settings, dir)).markdown();
    Files.writeString(dir.resolve("report.md"), report, StandardCharsets.UTF_8);
    System.out.println(report);
  }
}
