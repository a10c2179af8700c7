package io.floe.translator.verify;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What verifying one segment found. Batch counts split by fidelity: byte-identical,
 * record-identical, kept raw, or mismatched; {@code records} counts the records of the batches
 * that became rows (a raw batch is counted as a batch only).
 */
public record SegmentReport(
    Path file,
    long batches,
    long records,
    long byteIdentical,
    long recordIdentical,
    long raw,
    long mismatches,
    Optional<Mismatch> firstMismatch) {

  /** Every record comes back identical. */
  public boolean isExact() {
    return mismatches == 0;
  }

  /** The report line {@code floe verify-segment} prints for this segment. */
  public String summary() {
    return String.format("%s: batches=%d records=%d byte-identical=%d record-identical=%d raw=%d mismatches=%d",
        file, batches, records, byteIdentical, recordIdentical, raw, mismatches);
  }
}
