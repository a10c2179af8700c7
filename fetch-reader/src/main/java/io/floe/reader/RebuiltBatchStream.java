package io.floe.reader;

import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.row.BatchRebuilder;
import io.floe.translator.row.Fidelity;
import io.floe.translator.row.KafkaRow;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.apache.iceberg.io.FileIO;

/**
 * The bytes a fetch serves, rebuilt one batch at a time as the broker reads: at most one batch
 * and its rows are in memory, besides the open data files' Parquet buffers.
 *
 * <p>Reading raises {@link FetchFailedException} when a data file cannot be read or does not hold
 * what the manifest says; closing the stream closes the data files.
 */
final class RebuiltBatchStream extends InputStream {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final ReadableManifest manifest;
  private final FetchPlan plan;
  private final BatchRows rows;
  private int nextSlice;
  private ByteBuffer current = EMPTY;

  /** Rebuilds the first batch at once, so that a fetch whose data is unreadable fails when asked for. */
  RebuiltBatchStream(FileIO io, ReadableManifest manifest, FetchPlan plan) {
    this.manifest = manifest;
    this.plan = plan;
    this.rows = new BatchRows(io, manifest, plan.slices().stream().map(BatchSlice::batch).toList());
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
      if (nextSlice == plan.slices().size()) {
        return false;
      }
      int index = nextSlice++;
      BatchSlice slice = plan.slices().get(index);
      current = slice.cut(rebuild(slice.batch(), rows.of(index)));
    }
    return true;
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

  @Override
  public void close() {
    current = EMPTY;
    nextSlice = plan.slices().size();
    rows.close();
  }
}
