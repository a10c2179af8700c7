package io.floe.e2e.faults;

import java.util.Optional;

/**
 * What a broker is doing for tiered storage when {@link BrokerChaos} kills it, and how its
 * {@code server.log} (Kafka 4.3's RemoteLogManager) tells that the work started and ended.
 */
public enum CrashPhase {
  /** The leader's copy task uploading a rolled segment: Floe's copyLogSegmentData. */
  COPY("] Copying ", "] Copied "),
  /**
   * The leader's expiration task deleting remote segments past retention: Floe's
   * deleteLogSegmentData. Kafka names each segment as it starts, and logs their end only at DEBUG:
   * a deletion is done once Floe removed the segment's manifest.
   */
  DELETE("About to delete remote log segment ", null),
  /**
   * The leader serving a consumer's fetch from remote storage: Floe's fetchLogSegment. Kafka logs
   * no line for it; the moment comes from the consumer reading below the local log.
   */
  FETCH(null, null);

  private final String started;
  private final String finished;

  CrashPhase(String started, String finished) {
    this.started = started;
    this.finished = finished;
  }

  /** The text of the line logged as the work starts, if the broker logs one. */
  Optional<String> startedLine() {
    return Optional.ofNullable(started);
  }

  /** The text of the line logged once the work is done, if the broker logs one. */
  Optional<String> finishedLine() {
    return Optional.ofNullable(finished);
  }
}
