package io.floe.writer.maintenance;

import java.util.List;
import java.util.Optional;

/**
 * What a maintenance pass did to one table.
 *
 * @param heldElsewhere the lease's holder, when another manager held it and the pass did nothing
 * @param leaseFailure why the lease could not be taken (no step ran) or given back (it then ends at its term)
 * @param steps each step's outcome, in the order they ran
 */
public record MaintenanceReport(String table, Optional<LeaseHolder> heldElsewhere,
    Optional<RuntimeException> leaseFailure, List<StepOutcome> steps) {

  public MaintenanceReport {
    steps = List.copyOf(steps);
  }

  /** Whether anything failed: a step, or taking or giving back the lease. */
  public boolean failed() {
    return leaseFailure.isPresent() || steps.stream().anyMatch(StepOutcome::failed);
  }
}
