package io.floe.translator.row;

import io.floe.translator.format.CorruptBatchException;
import io.floe.translator.segment.BatchFrame;
import io.floe.translator.segment.SegmentFormatException;
import io.floe.translator.segment.SegmentReader;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * A segment file as a stream of translated batches, one batch in memory at a time.
 *
 * @see BatchTranslator
 */
public final class SegmentTranslator implements Iterator<TranslatedBatch>, Closeable {
  private final SegmentReader reader;
  private final BatchTranslator translator;
  private long lastOffset = -1;

  public SegmentTranslator(Path segment, int partition) {
    this.reader = new SegmentReader(segment);
    this.translator = new BatchTranslator(partition);
  }

  @Override
  public boolean hasNext() {
    return reader.hasNext();
  }

  /**
   * @throws SegmentFormatException if the next batch is truncated, fails its checksum, or does
   *     not follow the offsets of the batch before it
   */
  @Override
  public TranslatedBatch next() {
    BatchFrame frame = inOrder(reader.next());
    try {
      return translator.translate(frame);
    } catch (CorruptBatchException e) {
      throw corrupt(frame, e);
    }
  }

  /**
   * The values of the next batch's records instead of its rows, for a pass that looks at values
   * only: without the rebuild, so at a compressed batch's cost of one decompression.
   *
   * @throws SegmentFormatException if the next batch is truncated or fails its checksum
   * @see BatchTranslator#values
   */
  public List<byte[]> nextValues() {
    BatchFrame frame = inOrder(reader.next());
    try {
      return translator.values(frame);
    } catch (CorruptBatchException e) {
      throw corrupt(frame, e);
    }
  }

  /**
   * The keys of the next batch's records, as {@link #nextValues} gives their values.
   *
   * @throws SegmentFormatException if the next batch is truncated or fails its checksum
   */
  public List<byte[]> nextKeys() {
    BatchFrame frame = inOrder(reader.next());
    try {
      return translator.keys(frame);
    } catch (CorruptBatchException e) {
      throw corrupt(frame, e);
    }
  }

  /**
   * The frame, if its offsets follow the batch before it: a log's offsets only grow, and a batch's
   * CRC does not cover its base offset, so a flipped bit there shows only here.
   */
  private BatchFrame inOrder(BatchFrame frame) {
    if (frame.offset() <= lastOffset) {
      throw new SegmentFormatException(reader.file(), frame.position(), frame.offset(), "base offset",
          "is corrupt: it does not follow offset " + lastOffset + " of the batch before it");
    }
    lastOffset = frame.lastOffset();
    return frame;
  }

  private SegmentFormatException corrupt(BatchFrame frame, CorruptBatchException e) {
    return new SegmentFormatException(reader.file(), frame.position(), frame.offset(), e.field(),
        "is corrupt: " + e.getMessage());
  }

  @Override
  public void close() {
    reader.close();
  }
}
