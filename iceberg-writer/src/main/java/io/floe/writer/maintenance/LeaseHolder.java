package io.floe.writer.maintenance;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Who maintains a table, until when: the value of its table property
 * {@value MaintenanceLease#PROPERTY}, written {@code <until, ISO-8601> <owner>}.
 */
public record LeaseHolder(String owner, Instant until) {
  String text() {
    return until + " " + owner;
  }

  /** The holder a property's value names; none for a value that names none, which any manager may then take. */
  static Optional<LeaseHolder> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int space = text.indexOf(' ');
    if (space <= 0 || space == text.length() - 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(new LeaseHolder(text.substring(space + 1), Instant.parse(text.substring(0, space))));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
