package io.floe.e2e.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a fault scenario that passed, as a Markdown section: the conditions (scale, rate,
 * seed), a table of figures (what was checked, what the broker retried, the times), and the faults
 * injected. Written only once every invariant held, so its violations are zero. Each scenario has
 * its section of the one report file.
 */
public final class ReliabilityReport {
  private final String scenario;
  private final String conditions;
  private final Map<String, String> figures = new LinkedHashMap<>();
  private final List<String> tables = new ArrayList<>();

  private ReliabilityReport(String scenario, String conditions) {
    this.scenario = scenario;
    this.conditions = conditions;
  }

  /** A report of {@code scenario} run under {@code conditions}, one Markdown paragraph. */
  public static ReliabilityReport of(String scenario, String conditions) {
    return new ReliabilityReport(scenario, conditions);
  }

  /** The conditions every scenario of a {@link FaultsScale} states. */
  public static String conditions(FaultsScale scale, double rate, long seed) {
    return String.format(Locale.ROOT, "Scale `%s`, fault rate %.0f %%, seed %d (replay with `-Dfaults.seed=%d`).",
        scale.name(), rate * 100, seed, seed);
  }

  public ReliabilityReport figure(String name, Object value) {
    figures.put(name, String.valueOf(value));
    return this;
  }

  public ReliabilityReport figure(String name, Duration time) {
    return figure(name, time.toSeconds() + " s");
  }

  /** The broker's copies and reads again, as {@link BrokerRetries} counts them. */
  public ReliabilityReport retries(BrokerRetries retries) {
    return figure("copies started by the broker (retries included)", retries.copiesStarted())
        .figure("copies failed and retried by the broker", retries.copiesFailed())
        .figure("remote reads failed (the consumer fetched again)", retries.readsFailed());
  }

  /** What the clean-up after the run met, as {@link OrphanCleanup} found it. */
  public ReliabilityReport orphans(OrphanCleanup.Orphans orphans) {
    return figure("orphan files `floe check` found after the run", orphans.found())
        .figure("orphan files `floe maintain` removed once past the cut-off (none left after)", orphans.removed())
        .figure("segment manifests removed with them (uploads of unknown outcome that did not land)",
            orphans.manifestsRemoved());
  }

  /** A table of faults injected, under {@code title} ("Faults injected while tiering"). */
  public ReliabilityReport faults(String title, InjectedFaults<?, ?> injected) {
    tables.add(title + ":\n\n" + injected.table());
    return this;
  }

  public String markdown() {
    StringBuilder text = new StringBuilder("# ").append(scenario).append("\n\n").append(conditions).append("\n\n")
        .append("| figure | value |\n|---|---:|\n");
    figures.forEach((name, value) -> text.append("| ").append(name).append(" | ").append(value).append(" |\n"));
    tables.forEach(table -> text.append('\n').append(table));
    return text.toString();
  }

  /** Writes this report's section to {@code file}, replacing an older section of the same scenario and keeping the others. */
  public void writeTo(Path file) {
    ReportFile.write(file, scenario, markdown());
  }
}
