package io.floe.translator.verify;

import io.floe.translator.format.CorruptBatchException;
import io.floe.translator.row.BatchRebuilder;
import io.floe.translator.row.BatchTranslator;
import io.floe.translator.row.Fidelity;
import io.floe.translator.row.RebuildCheck;
import io.floe.translator.row.RebuildOutcome;
import io.floe.translator.row.TranslatedBatch;
import io.floe.translator.segment.BatchFrame;
import io.floe.translator.segment.SegmentFormatException;
import io.floe.translator.segment.SegmentReader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Takes a segment through the round trip a tiered segment makes (batch → rows → batch) and checks
 * every batch against the original bytes. A corrupt batch is counted as a mismatch and the
 * verifier goes on to the next; a truncated one ends the file.
 */
public final class SegmentVerifier {
  private final int partition;

  public SegmentVerifier(int partition) {
    this.partition = partition;
  }

  public SegmentReport verify(Path segment) {
    Tally tally = new Tally();
    BatchTranslator translator = new BatchTranslator(partition);
    try (SegmentReader reader = new SegmentReader(segment)) {
      while (reader.hasNext()) {
        BatchFrame frame = reader.next();
        tally.batches++;
        try {
          check(frame, translator.translate(frame), tally);
        } catch (CorruptBatchException e) {
          tally.mismatch(new Mismatch(frame.position(), frame.offset(), e.field(), e.getMessage()));
        }
      }
    } catch (SegmentFormatException e) {
      tally.batches++;
      tally.mismatch(new Mismatch(e.position(), e.offset(), e.field(), "batch " + e.problem()));
    }
    return new SegmentReport(segment, tally.batches, tally.records, tally.byteIdentical, tally.recordIdentical,
        tally.raw, tally.mismatches, Optional.ofNullable(tally.firstMismatch));
  }

  private static void check(BatchFrame frame, TranslatedBatch translated, Tally tally) {
    RebuildOutcome outcome = RebuildCheck.check(frame, BatchRebuilder.rebuild(translated.rows()).bytes());
    if (outcome instanceof RebuildOutcome.Mismatch mismatch) {
      var difference = mismatch.difference();
      tally.mismatch(new Mismatch(frame.position(), difference.offset(), difference.field(),
          "expected " + difference.expected() + ", got " + difference.actual()));
      return;
    }
    if (translated.fidelity() == Fidelity.RAW) {
      tally.raw++;
      return;
    }
    tally.records += translated.rows().size();
    if (((RebuildOutcome.Identical) outcome).fidelity() == Fidelity.BYTE_IDENTICAL) {
      tally.byteIdentical++;
    } else {
      tally.recordIdentical++;
    }
  }

  private static final class Tally {
    long batches;
    long records;
    long byteIdentical;
    long recordIdentical;
    long raw;
    long mismatches;
    Mismatch firstMismatch;

    void mismatch(Mismatch mismatch) {
      mismatches++;
      if (firstMismatch == null) {
        firstMismatch = mismatch;
      }
    }
  }
}
