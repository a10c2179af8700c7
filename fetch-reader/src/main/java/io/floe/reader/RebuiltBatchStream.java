package io.floe.reader;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The bytes a fetch serves, rebuilt one batch at a time as the broker reads: at most one batch
 * and its rows are in memory, besides the open data files' Parquet buffers and the batches kept
 * around the last one served ({@link RetainedBatches}).
 *
 * <p>A fetch that goes on from a parked one ({@link ParkedFetch}) serves the batches it kept or
 * read ahead from memory and reads the next rows from its open cursors. Closing the stream parks
 * it in turn, reading ahead for the next fetch; a stream that failed is not parked but closes its
 * data files.
 *
 * <p>Reading raises {@link FetchFailedException} when a data file cannot be read or does not hold
 * what the manifest says.
 */
final class RebuiltBatchStream extends InputStream {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final FetchPlan plan;
  private final RebuiltBatches batches;
  private final ParkedFetches parking;
  private int nextBatch;
  private ByteBuffer current = EMPTY;
  private boolean closed;

  /** Rebuilds the first batch at once, so that a fetch whose data is unreadable fails when asked for. */
  RebuiltBatchStream(FetchPlan plan, RebuiltBatches batches, ParkedFetches parking) {
    this.plan = plan;
    this.batches = batches;
    this.parking = parking;
    this.nextBatch = plan.firstBatch();
    try {
      advance();
    } catch (RuntimeException e) {
      batches.close();
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
      current = plan.slice(index).cut(batches.serve(index));
    }
    return true;
  }

  /** Parks the fetch for the next one to go on from, unless it failed or served nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    current = EMPTY;
    if (batches.resumable().equals(RetainedBatches.Resumable.NONE)) {
      batches.close();
    } else {
      parking.park(batches);
    }
  }
}
