package io.floe.translator.segment;

/**
 * A transaction the broker aborted, as a segment's transaction index records it: the producer, the
 * offset of its first record, and the offset of its abort marker (in this segment; its data may
 * start in earlier ones).
 */
public record AbortedTransaction(long producerId, long firstOffset, long lastOffset) {
  /** Whether a record of a transactional batch of {@code producerId} at {@code offset} belongs to it. */
  public boolean covers(long producerId, long offset) {
    return this.producerId == producerId && offset >= firstOffset && offset <= lastOffset;
  }
}
