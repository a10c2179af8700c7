package io.floe.reader;

import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.row.BatchRebuilder;
import io.floe.translator.row.DamagedRowsException;
import io.floe.translator.row.Fidelity;
import io.floe.translator.row.KafkaRow;
import java.io.Closeable;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One reader's batches of a segment, rebuilt forward from their rows ({@link BatchRows}) and kept
 * around the newest one served ({@link RetainedBatches}). A fetch serves from it; between two
 * fetches a {@link ReadAhead} rebuilds the next batches into it. One thread at a time uses it.
 */
final class RebuiltBatches implements Closeable {
  private final ReadableManifest manifest;
  private final BatchRows rows;
  private final RetainedBatches retained = new RetainedBatches();
  private boolean failed;

  RebuiltBatches(ReadableManifest manifest, BatchRows rows) {
    this.manifest = manifest;
    this.rows = rows;
  }

  /**
   * The rebuilt bytes of the {@code index}-th batch, from memory if it is kept, else rebuilt from
   * its rows, which must be the next rows of the open data files: {@code index} is a kept batch or
   * the one after them.
   *
   * @throws FetchFailedException if its rows cannot be read or do not rebuild to what the manifest says
   */
  ByteBuffer serve(int index) {
    if (!retained.holds(index)) {
      rebuild(index);
    }
    retained.served(index);
    return retained.of(index);
  }

  /**
   * Rebuilds the batch after the kept ones, to be served later; false when there is none to
   * rebuild (nothing kept, or the segment's last batch is kept).
   *
   * @throws FetchFailedException as {@link #serve} does
   */
  boolean rebuildNext() {
    int next = retained.next();
    if (next < 0 || next >= manifest.manifest().batches().size()) {
      return false;
    }
    rebuild(next);
    return true;
  }

  private void rebuild(int index) {
    try {
      BatchEntry batch = manifest.manifest().batches().get(index);
      retained.add(index, rebuild(batch, rows.of(index)));
    } catch (RuntimeException e) {
      // Cursors that failed mid-batch are nowhere a next fetch could go on from.
      failed = true;
      throw e;
    }
  }

  private ByteBuffer rebuild(BatchEntry batch, List<KafkaRow> batchRows) {
    ByteBuffer rebuilt;
    try {
      rebuilt = BatchRebuilder.rebuild(batchRows).bytes();
    } catch (DamagedRowsException e) {
      throw new FetchFailedException(String.format("Cannot fetch %s: the rows of the batch at position %d in %s are "
          + "damaged: %s", manifest.segmentName(), batch.position(), filesOf(batch), e.getMessage()), e);
    } catch (RuntimeException e) {
      throw new FetchFailedException(String.format("Cannot fetch %s: cannot rebuild the batch at position %d: %s",
          manifest.segmentName(), batch.position(), e.getMessage()), e);
    }
    // Positions the broker holds are in original bytes: a batch said to keep them must.
    if (batch.fidelity() != Fidelity.RECORD_IDENTICAL && rebuilt.remaining() != batch.sizeInBytes()) {
      throw new FetchFailedException(String.format(
          "Cannot fetch %s: the batch at position %d rebuilds to %d bytes, not the %d of the original that "
              + "manifest %s promises (%s)",
          manifest.segmentName(), batch.position(), rebuilt.remaining(), batch.sizeInBytes(), manifest.path(),
          batch.fidelity()));
    }
    return rebuilt;
  }

  private String filesOf(BatchEntry batch) {
    List<String> locations = batch.runs().stream()
        .map(run -> manifest.manifest().files().get(run.file()).location())
        .distinct()
        .toList();
    return (locations.size() == 1 ? "data file " : "data files ") + String.join(", ", locations);
  }

  /**
   * Where a next fetch can go on from; none after a batch failed to rebuild, which leaves the data
   * files' cursors where no fetch can go on.
   */
  RetainedBatches.Resumable resumable() {
    return failed ? RetainedBatches.Resumable.NONE : retained.resumable();
  }

  /** The span, in the batches' own bytes, of those rebuilt ahead and not yet served. */
  long aheadSpan() {
    return retained.aheadSpan();
  }

  /** Memory held: the open data files' row groups and the kept batches. */
  long bufferedBytes() {
    return rows.bufferedBytes() + retained.bytes();
  }

  ReadableManifest manifest() {
    return manifest;
  }

  @Override
  public void close() {
    rows.close();
  }
}
