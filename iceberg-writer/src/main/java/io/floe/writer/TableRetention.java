package io.floe.writer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the analyst view ({@code main}) does when Kafka deletes a tiered segment. */
public enum TableRetention {
  /** Its rows stay: the table keeps the topic's history for analysts. */
  KEEP,
  /** Its rows go too: the table holds what Kafka holds. */
  FOLLOW_KAFKA;

  /** The name operators write in the configuration, e.g. {@code follow-kafka}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<TableRetention> fromLabel(String label) {
    return Arrays.stream(values()).filter(retention -> retention.label().equals(label)).findFirst();
  }
}
