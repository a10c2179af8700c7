package io.floe.e2e.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which end-to-end benchmarks a run of the {@code benchmarks} profile runs: those named in
 * {@code benchmark.only} (comma-separated), or all of them when it is blank. The freshness
 * benchmark takes an hour, so that the tiering benchmark must be selectable alone, and the other
 * way round. An unknown name fails, rather than running nothing.
 */
final class BenchmarkSelection {
  static final String TIERING = "tiering";
  static final String FRESHNESS = "freshness";
  private static final List<String> ALL = List.of(TIERING, FRESHNESS);

  private BenchmarkSelection() {
  }

  /** For {@code @EnabledIf}: whether {@link TieringBenchmark} runs. */
  static boolean tiering() {
    return selected().contains(TIERING);
  }

  /** For {@code @EnabledIf}: whether {@link FreshnessBenchmark} runs. */
  static boolean freshness() {
    return selected().contains(FRESHNESS);
  }

  private static Set<String> selected() {
    String only = System.getProperty("benchmark.only");
    if (only == null || only.isBlank()) {
      return Set.copyOf(ALL);
    }
    Set<String> names = Arrays.stream(only.split(",")).map(name -> name.trim().toLowerCase(Locale.ROOT))
        .collect(Collectors.toSet());
    for (String name : names) {
      if (!ALL.contains(name)) {
        throw new IllegalArgumentException("Cannot run benchmark " + name + ": benchmark.only takes " + String.join(", ", ALL));
      }
    }
    return names;
  }
}
