package io.floe.reader;

import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.row.BatchRebuilder;
import io.floe.translator.row.Fidelity;
import io.floe.translator.row.KafkaRow;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The bytes a fetch serves, rebuilt one batch at a time as the broker reads: at most one batch
 * and its rows are in memory, besides the open data files' Parquet buffers and the last batches
 * rebuilt ({@link RetainedBatches}).
 *
 * <p>A fetch that goes on from a parked one ({@link ParkedFetch}) serves the batches it retained
 * from memory and reads the next rows from its open cursors. Closing the stream parks it in turn,
 * for the next fetch; a stream that failed is not parked but closes its data files.
 *
 * <p>Reading raises {@link FetchFailedException} when a data file cannot be read or does not hold
 * what the manifest says.
 */
final class RebuiltBatchStream extends InputStream {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final ReadableManifest manifest;
  private final FetchPlan plan;
  private final BatchRows rows;
  private final RetainedBatches tail;
  private final ParkedFetches parking;
  private int nextBatch;
  private ByteBuffer current = EMPTY;
  private boolean failed;
  private boolean closed;

  /** Rebuilds the first batch at once, so that a fetch whose data is unreadable fails when asked for. */
  RebuiltBatchStream(ReadableManifest manifest, FetchPlan plan, BatchRows rows, RetainedBatches tail,
      ParkedFetches parking) {
    this.manifest = manifest;
    this.plan = plan;
    this.rows = rows;
    this.tail = tail;
    this.parking = parking;
    this.nextBatch = plan.firstBatch();
    try {
      advance();
    } catch (RuntimeException e) {
      rows.close();
      throw e;
    }
  }

  @Override
  public int read() {
    return advance() ? current.get() & 0xFF : -1;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    if (!advance()) {
      return -1;
    }
    int count = Math.min(length, current.remaining());
    current.get(buffer, offset, count);
    return count;
  }

  @Override
  public int available() {
    return current.remaining();
  }

  /** Makes {@code current} hold unread bytes if any batch is left; false at the end of the fetch. */
  private boolean advance() {
    while (!current.hasRemaining()) {
      if (closed || nextBatch == plan.endBatch()) {
        return false;
      }
      int index = nextBatch++;
      current = plan.slice(index).cut(tail.holds(index) ? tail.of(index) : rebuildAndRetain(index));
    }
    return true;
  }

  private ByteBuffer rebuildAndRetain(int index) {
    try {
      ByteBuffer rebuilt = rebuild(plan.batch(index), rows.of(index));
      tail.add(index, rebuilt);
      return rebuilt;
    } catch (RuntimeException e) {
      // Cursors that failed mid-batch are nowhere a next fetch could go on from.
      failed = true;
      throw e;
    }
  }

  private ByteBuffer rebuild(BatchEntry batch, List<KafkaRow> batchRows) {
    ByteBuffer rebuilt;
    try {
      rebuilt = BatchRebuilder.rebuild(batchRows);
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

  /** Parks the fetch for the next one to go on from, unless it failed or served nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    current = EMPTY;
    if (failed || tail.isEmpty()) {
      rows.close();
    } else {
      parking.park(new ParkedFetch(manifest.path(), rows, tail));
    }
  }
}
