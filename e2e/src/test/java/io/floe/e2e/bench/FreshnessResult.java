package io.floe.e2e.bench;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a freshness run measured.
 *
 * @param measured from the first record produced to the look that found every record of the window in {@code main}
 * @param brokerCpu the broker process's CPU time over {@code measured}
 * @param failedLooks looks at a table that failed (the next look reads what they missed), and the first one's error
 */
record FreshnessResult(FreshnessSettings settings, List<TopicFigures> topics, Duration measured,
    Duration brokerCpu, String load, String revision, int failedLooks, Optional<String> firstFailedLook) {

  /**
   * One topic's figures.
   *
   * @param delays from each record's acknowledgement to the look that found it in {@code main}, for the records
   *     acknowledged within the window
   * @param consumedRecords the records produced to the topic, all read back from remote storage exactly
   * @param consumedBytes their bytes of keys and values
   */
  record TopicFigures(String topic, boolean maintained, Delays.Summary delays, TableLayout layout, long consumedRecords,
      long consumedBytes) {
  }
}
