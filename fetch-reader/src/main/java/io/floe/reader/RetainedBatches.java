package io.floe.reader;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The last batches a fetch rebuilt, consecutive in the segment, kept so that the next fetch can
 * start at any of them without reading their rows again: the broker stops a fetch inside a batch,
 * the consumer drops that partial batch, and its next fetch starts at the offset-index entry at or
 * before it, at most {@code index.interval.bytes} (4 KiB by default) plus one batch earlier.
 *
 * <p>It keeps the newest batches that span {@value #TAIL_BYTES} bytes of the segment, and always
 * the newest one, however large: that is the batch the broker cut. The span is counted in the
 * batches' own bytes, as the broker's positions are; the memory they hold ({@link #bytes}) can be
 * more, as a rebuilt batch's buffer may have room to spare.
 */
final class RetainedBatches {
  /** Sixteen index intervals of Kafka's default: room for a broker configured with larger ones. */
  static final int TAIL_BYTES = 64 * 1024;

  private record Rebuilt(int index, ByteBuffer bytes) {}

  private final ArrayDeque<Rebuilt> batches = new ArrayDeque<>();
  private long span;
  private long bytes;

  /** Whether the {@code index}-th batch of the segment is kept. */
  boolean holds(int index) {
    return !batches.isEmpty() && index >= batches.getFirst().index() && index <= batches.getLast().index();
  }

  /** The rebuilt bytes of the {@code index}-th batch, which {@link #holds} it. */
  ByteBuffer of(int index) {
    ByteBuffer rebuilt = batches.stream().filter(batch -> batch.index() == index).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Batch " + index + " is not retained")).bytes();
    return rebuilt.duplicate();
  }

  /**
   * Keeps the {@code index}-th batch's rebuilt bytes as the newest, dropping the oldest beyond the
   * bound. Fetches read forward, so it follows the newest one: the kept batches stay consecutive,
   * which is what lets {@link #continuesAt} answer from the two ends.
   */
  void add(int index, ByteBuffer rebuilt) {
    if (!batches.isEmpty() && batches.getLast().index() != index - 1) {
      throw new IllegalArgumentException(String.format(
          "Cannot retain batch %d after batch %d: retained batches are consecutive", index, batches.getLast().index()));
    }
    batches.addLast(new Rebuilt(index, rebuilt));
    span += rebuilt.remaining();
    bytes += rebuilt.capacity();
    while (batches.size() > 1 && span > TAIL_BYTES) {
      ByteBuffer oldest = batches.removeFirst().bytes();
      span -= oldest.remaining();
      bytes -= oldest.capacity();
    }
  }

  /**
   * Whether a fetch from the {@code index}-th batch can go on from here: it starts at a kept batch
   * or at the one after the newest.
   */
  boolean continuesAt(int index) {
    return !batches.isEmpty() && index >= batches.getFirst().index() && index <= batches.getLast().index() + 1;
  }

  boolean isEmpty() {
    return batches.isEmpty();
  }

  /** Bytes the kept batches take in memory. */
  long bytes() {
    return bytes;
  }
}
