package io.floe.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * End to end: each workload tiered and consumed through Floe and through Kafka's
 * LocalTieredStorage, each on a fresh broker with the same settings, timed, and read back exactly.
 * Run by the {@code benchmarks} profile ({@code docs/benchmarks.md} has the command), never by a
 * plain build. {@code benchmark.workloads} picks workloads by name (all by default) and
 * {@code benchmark.scale} scales their record counts (1 by default). It writes every workload's
 * table and the ratios against the targets to {@code <benchmark.dir>/report.md}, and keeps each
 * broker's work directory, logs included, under {@code benchmark.dir} until the next run. It runs
 * unless {@code benchmark.only} names other benchmarks.
 */
class TieringBenchmark {

  @Test
  @EnabledIf("io.floe.e2e.bench.BenchmarkSelection#tiering")
  void floeAndLocalTieredStorageTierTheSameWorkloadsAndServeThemBackExactly() throws IOException {
    List<Workload> workloads = Workload.named(System.getProperty("benchmark.workloads"));
    double scale = Double.parseDouble(System.getProperty("benchmark.scale", "1"));
    Path dir = BenchmarkDirectory.fresh(Path.of(System.getProperty("benchmark.dir", "target/tiering-benchmark")).toAbsolutePath());

    StringBuilder report = new StringBuilder();
    List<Ratios> ratios = new ArrayList<>();
    for (Workload workload : workloads) {
      int events = workload.events(scale);
      Path workloadDir = dir.resolve(workload.name());
      RunResult floe = TieringRun.of(RemoteStore.FLOE, workload, events, workloadDir.resolve("floe"));
      RunResult local = TieringRun.of(RemoteStore.LOCAL_TIERED_STORAGE, workload, events,
          workloadDir.resolve("local-tiered-storage"));
      assertEquals(floe.records(), local.records(), "both runs of " + workload.name() + " produce the same records");

      BenchmarkReport tables = new BenchmarkReport(floe, local);
      ratios.add(tables.ratios());
      report.append(tables.markdown()).append('\n');
      Files.writeString(dir.resolve("report.md"), summary(ratios) + report, StandardCharsets.UTF_8);
      System.out.println(tables.markdown());
    }
    System.out.println(summary(ratios));
  }

  private static String summary(List<Ratios> ratios) {
    return "## Floe / LocalTieredStorage\n\n" + Ratios.markdown(ratios) + "\n";
  }
}
