package io.floe.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * End to end: the same workload tiered and consumed through Floe and through Kafka's
 * LocalTieredStorage, each on a fresh broker with the same settings, timed, and read back exactly.
 * Run by the {@code benchmarks} profile ({@code docs/benchmarks.md} has the command), never by a
 * plain build. It writes its table to {@code <benchmark.dir>/report.md} and keeps each broker's
 * work directory, logs included, under {@code benchmark.dir} until the next run.
 */
class TieringBenchmark {
  private static final int DEFAULT_EVENTS = 200_000;

  @Test
  void floeAndLocalTieredStorageTierTheSameWorkloadAndServeItBackExactly() throws IOException {
    int events = Integer.getInteger("benchmark.records", DEFAULT_EVENTS);
    Path dir = Path.of(System.getProperty("benchmark.dir", "target/tiering-benchmark")).toAbsolutePath();
    deleteRecursively(dir);

    RunResult floe = TieringRun.of(RemoteStore.FLOE, events, dir.resolve("floe"));
    RunResult local = TieringRun.of(RemoteStore.LOCAL_TIERED_STORAGE, events, dir.resolve("local-tiered-storage"));
    assertEquals(floe.records(), local.records(), "both runs produce the same records");

    String report = new BenchmarkReport(floe, local).markdown();
    Files.writeString(dir.resolve("report.md"), report, StandardCharsets.UTF_8);
    System.out.println(report);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clear " + dir + ": " + e.getMessage(), e);
    }
  }
}
