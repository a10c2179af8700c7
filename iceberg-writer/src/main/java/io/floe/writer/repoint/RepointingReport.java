package io.floe.writer.repoint;

import io.floe.translator.manifest.SegmentRef;
import java.util.List;
import java.util.Map;

/**
 * What one pass of {@link KafkaViewRepointing} did: the segments whose Kafka view now reads the
 * files that replaced theirs, those it left on their own files and why, and the files it retired
 * from the Kafka view's branch (released after the grace period) and released.
 */
public record RepointingReport(List<SegmentRef> repointed, Map<SegmentRef, String> kept, int retiredFiles,
    int releasedFiles) {
  public RepointingReport {
    repointed = List.copyOf(repointed);
    kept = Map.copyOf(kept);
  }
}
