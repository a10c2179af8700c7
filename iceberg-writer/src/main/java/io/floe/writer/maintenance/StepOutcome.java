package io.floe.writer.maintenance;

import java.util.Optional;

/**
 * How one step of a pass ended: what it did, or the failure that stopped it.
 *
 * @param done what the step did, e.g. {@code expired 12 snapshots}; empty if it failed
 */
public record StepOutcome(MaintenanceStep step, Optional<String> done, Optional<RuntimeException> failure) {
  static StepOutcome done(MaintenanceStep step, String what) {
    return new StepOutcome(step, Optional.of(what), Optional.empty());
  }

  static StepOutcome failed(MaintenanceStep step, RuntimeException failure) {
    return new StepOutcome(step, Optional.empty(), Optional.of(failure));
  }

  public boolean failed() {
    return failure.isPresent();
  }

  /** The outcome as a line of a log or of the tool's output. */
  public String describe() {
    return step.label() + ": " + done.orElseGet(() -> "failed: " + failure.map(StepOutcome::message).orElse(""));
  }

  private static String message(Throwable failure) {
    StringBuilder message = new StringBuilder(failure.getMessage() != null ? failure.getMessage()
        : failure.getClass().getSimpleName());
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
        message.append(": ").append(cause.getMessage());
      }
    }
    return message.toString();
  }
}
