package io.floe.reader;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Rebuilt batches kept in memory, consecutive in the segment: the last ones a fetch served, so that
 * the next fetch can start at any of them without reading their rows again, and those rebuilt
 * ahead of it ({@link ReadAhead}), which it will serve next. The broker stops a fetch inside a
 * batch, the consumer drops that partial batch, and its next fetch starts at the offset-index entry
 * at or before it, at most {@code index.interval.bytes} (4 KiB by default) plus one batch earlier.
 *
 * <p>Of the served batches it keeps the newest that span {@value #TAIL_BYTES} bytes of the segment,
 * and always the newest one, however large: that is the batch the broker cut. The span is counted
 * in the batches' own bytes, as the broker's positions are; the memory they hold ({@link #bytes})
 * can be more, as a rebuilt batch's buffer may have room to spare.
 */
final class RetainedBatches {
  /** Sixteen index intervals of Kafka's default: room for a broker configured with larger ones. */
  static final int TAIL_BYTES = 64 * 1024;

  private record Rebuilt(int index, ByteBuffer bytes) {}

  private final ArrayDeque<Rebuilt> batches = new ArrayDeque<>();
  /** The newest batch served, or -1 before any. */
  private int served = -1;
  private long servedSpan;
  private long aheadSpan;
  private long bytes;

  /** Whether the {@code index}-th batch of the segment is kept. */
  boolean holds(int index) {
    return !batches.isEmpty() && index >= first() && index <= last();
  }

  /** The rebuilt bytes of the {@code index}-th batch, which {@link #holds} it. */
  ByteBuffer of(int index) {
    if (!holds(index)) {
      throw new IllegalArgumentException("Batch " + index + " is not retained");
    }
    Rebuilt rebuilt = batches.stream().skip(index - first()).findFirst().orElseThrow();
    return rebuilt.bytes().duplicate();
  }

  /**
   * Keeps the {@code index}-th batch's rebuilt bytes as the newest, ahead of those served. Batches
   * are rebuilt forward, so the kept ones stay consecutive, which is what lets
   * {@link #continuesAt} answer from the two ends.
   */
  void add(int index, ByteBuffer rebuilt) {
    if (!batches.isEmpty() && last() != index - 1) {
      throw new IllegalArgumentException(String.format(
          "Cannot retain batch %d after batch %d: retained batches are consecutive", index, last()));
    }
    batches.addLast(new Rebuilt(index, rebuilt));
    aheadSpan += rebuilt.remaining();
    bytes += rebuilt.capacity();
  }

  /**
   * Records that the {@code index}-th batch, which {@link #holds} it, was served, and drops the
   * served batches older than the span kept behind the newest served. A fetch may serve again a
   * batch behind the newest, when it starts a little before where the previous one was cut.
   */
  void served(int index) {
    if (!holds(index)) {
      throw new IllegalArgumentException(String.format("Cannot serve batch %d: retained are %s", index,
          batches.isEmpty() ? "none" : first() + "-" + last()));
    }
    if (index <= served) {
      return;
    }
    for (Rebuilt batch : batches) {
      if (batch.index() > served && batch.index() <= index) {
        aheadSpan -= batch.bytes().remaining();
        servedSpan += batch.bytes().remaining();
      }
    }
    served = index;
    while (first() < served && servedSpan > TAIL_BYTES) {
      ByteBuffer oldest = batches.removeFirst().bytes();
      servedSpan -= oldest.remaining();
      bytes -= oldest.capacity();
    }
  }

  /**
   * The batches a next fetch can go on from: a kept batch served, or the one after the newest
   * served; empty before any is served.
   */
  Resumable resumable() {
    return served < 0 ? Resumable.NONE : new Resumable(first(), served + 1);
  }

  /** The batches from {@code first} to {@code last}, both inclusive, where a fetch can go on. */
  record Resumable(int first, int last) {
    static final Resumable NONE = new Resumable(0, -1);

    boolean includes(int index) {
      return index >= first && index <= last;
    }
  }

  /** The batch to rebuild next: the one after the newest kept; -1 when none is kept. */
  int next() {
    return batches.isEmpty() ? -1 : last() + 1;
  }

  boolean isEmpty() {
    return batches.isEmpty();
  }

  /** The span, in the batches' own bytes, of those rebuilt and not yet served. */
  long aheadSpan() {
    return aheadSpan;
  }

  /** Bytes the kept batches take in memory. */
  long bytes() {
    return bytes;
  }

  private int first() {
    return batches.getFirst().index();
  }

  private int last() {
    return batches.getLast().index();
  }
}
