package io.floe.e2e.bench;

import java.util.List;
import java.util.Locale;

/**
 * Floe against LocalTieredStorage on one workload, as issue 9 states its targets: time to tier and
 * broker CPU while tiering as Floe's over LocalTieredStorage's (lower is better), consuming
 * throughput as Floe's over LocalTieredStorage's (higher is better).
 */
record Ratios(Workload workload, double tieringTime, double tieringCpu, double consumingThroughput) {

  boolean meetTargets() {
    Workload.Targets targets = workload.targets();
    return tieringTime <= targets.tieringTime() && tieringCpu <= targets.tieringCpu()
        && consumingThroughput >= targets.consumingThroughput();
  }

  /** The ratios of every workload run, each with its target, as a Markdown table. */
  static String markdown(List<Ratios> all) {
    StringBuilder text = new StringBuilder();
    text.append("| workload | time to tier (target ≤) | broker CPU while tiering (target ≤) "
        + "| consuming throughput (target ≥) | targets met |\n");
    text.append("| --- | ---: | ---: | ---: | --- |\n");
    for (Ratios ratios : all) {
      Workload.Targets targets = ratios.workload.targets();
      text.append(String.format(Locale.ROOT, "| `%s` | %.2f (%.1f) | %.2f (%.1f) | %.2f (%.1f) | %s |%n",
          ratios.workload.name(), ratios.tieringTime, targets.tieringTime(), ratios.tieringCpu, targets.tieringCpu(),
          ratios.consumingThroughput, targets.consumingThroughput(), ratios.meetTargets() ? "yes" : "no"));
    }
    return text.toString();
  }
}
