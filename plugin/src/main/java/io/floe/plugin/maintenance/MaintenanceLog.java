package io.floe.plugin.maintenance;

import io.floe.plugin.kafka.Redaction;
import io.floe.writer.maintenance.MaintenanceReport;
import io.floe.writer.maintenance.StepOutcome;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A maintenance pass's report as one line of the broker's log: info when all went well, a warning naming what failed. */
public final class MaintenanceLog {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceLog.class);

  private MaintenanceLog() {}

  public static void log(MaintenanceReport report) {
    if (report.heldElsewhere().isPresent()) {
      LOG.info("Maintenance of table {} skipped: {} holds its lease until {}", report.table(),
          report.heldElsewhere().get().owner(), report.heldElsewhere().get().until());
      return;
    }
    String line = Redaction.redact(describe(report));
    if (report.failed()) {
      LOG.warn("Maintenance of table {}: {}; the next pass tries again", report.table(), line);
    } else {
      LOG.info("Maintenance of table {}: {}", report.table(), line);
    }
  }

  /** The report's steps, and a problem with the lease, separated by semicolons. */
  private static String describe(MaintenanceReport report) {
    String steps = report.steps().stream().map(StepOutcome::describe).collect(Collectors.joining("; "));
    return report.leaseFailure().map(failure -> (steps.isEmpty() ? "" : steps + "; ") + "lease: failed: "
        + failure.getMessage()).orElse(steps);
  }
}
