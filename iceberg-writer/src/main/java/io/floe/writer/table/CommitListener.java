package io.floe.writer.table;

/**
 * Hears of every commit Floe makes to a topic's table, each attempt of it included: Iceberg retries
 * a commit the catalog refused because the table changed first (another broker's upload, an
 * operator's compaction), on the table as it is then, so one upload can make several attempts.
 */
@FunctionalInterface
public interface CommitListener {
  /** Hears nothing. */
  CommitListener NONE = (topic, outcome) -> {};

  /** An attempt to commit to the table of {@code topic} ended with {@code outcome}. */
  void attempted(String topic, CommitOutcome outcome);

  /** How a commit attempt ended. */
  enum CommitOutcome {
    COMMITTED,
    /** The catalog refused it: the table changed since the attempt's base. Iceberg may retry. */
    CONFLICTED,
    /** Any other failure, a commit whose outcome is unknown included. */
    FAILED
  }
}
