package io.floe.e2e.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The figures of a fault scenario that passed, as Markdown: what was injected while tiering and
 * while consuming, what the broker retried, and what was checked. Written only once every
 * invariant held, so its violations are zero.
 */
public record ReliabilityReport(String scenario, FaultsScale scale, double rate, long seed, int segments,
    long recordsChecked, BrokerRetries retries, InjectedFaults tiering, InjectedFaults consuming,
    Duration tieringTime, Duration consumingTime, String loadAverage) {

  public String markdown() {
    return String.format(Locale.ROOT, """
        # %s

        Scale `%s`, fault rate %.0f %%, seed %d (replay with `-Dfaults.seed=%d`).

        | figure | value |
        |---|---:|
        | segments tiered | %d |
        | records checked (consumed from offset 0 and compared, both isolation levels, both topics) | %d |
        | copies started by the broker (retries included) | %d |
        | copies failed and retried by the broker | %d |
        | remote reads failed (the consumer fetched again) | %d |
        | tiering time | %d s |
        | consuming and checking time | %d s |
        | violations | 0 |
        | load average at the end (1, 5, 15 min) | %s |

        Faults injected while tiering:

        %s
        Faults injected while consuming:

        %s""",
        scenario, scale.name(), rate * 100, seed, seed, segments, recordsChecked, retries.copiesStarted(),
        retries.copiesFailed(), retries.readsFailed(), tieringTime.toSeconds(), consumingTime.toSeconds(), loadAverage,
        tiering.table(), consuming.table());
  }

  /** Writes the report into {@code file}, replacing this scenario's older one. */
  public void writeTo(Path file) {
    ReportFile.write(file, scenario, markdown());
  }
}
