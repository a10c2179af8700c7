package io.floe.writer;

import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.value.ValueStats;
import io.floe.writer.pending.PendingTransactions;
import java.util.OptionalLong;

/**
 * What an upload did: the manifest of the segment as committed, how its values were stored
 * (typed, or raw by reason, and how many broke their writer schema), and the transactions of its
 * Kafka partition whose rows wait, tiered, for their outcome. An upload that found its segment
 * committed already reports that manifest and counts no value.
 */
public record UploadReport(SegmentManifest manifest, ValueStats values, PendingTransactions pending) {
  /** Rows of the partition tiered that {@code main} does not show until their transaction's outcome is tiered. */
  public long pendingRows() {
    return pending.rowCount();
  }

  /**
   * Offsets of the partition tiered up to this segment's end that {@code main} does not show yet:
   * from the first row that waits for its transaction's outcome, or none when no row waits.
   */
  public long mainLagOffsets() {
    OptionalLong first = pending.firstOffset();
    return first.isPresent() ? Math.max(0, manifest.segment().endOffset() - first.getAsLong() + 1) : 0;
  }
}
