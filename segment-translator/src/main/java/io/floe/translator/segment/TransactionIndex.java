package io.floe.translator.segment;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a segment's transaction index as the broker writes it ({@code TransactionIndex}): fixed-size
 * entries of a version (0), the producer id, the first and last offsets of the aborted transaction,
 * and the last stable offset when it was aborted.
 */
public final class TransactionIndex {
  private static final int ENTRY_SIZE = Short.BYTES + 4 * Long.BYTES;
  private static final short VERSION = 0;

  private TransactionIndex() {}

  /**
   * The aborted transactions the index lists, in its order.
   *
   * @throws CorruptIndexException when the bytes are not whole entries of version 0
   */
  public static List<AbortedTransaction> abortedTransactions(byte[] index) {
    if (index.length % ENTRY_SIZE != 0) {
      throw new CorruptIndexException(String.format(
          "Transaction index of %d bytes is not a whole number of %d-byte entries", index.length, ENTRY_SIZE));
    }
    ByteBuffer in = ByteBuffer.wrap(index);
    List<AbortedTransaction> aborted = new ArrayList<>(index.length / ENTRY_SIZE);
    while (in.hasRemaining()) {
      short version = in.getShort();
      if (version != VERSION) {
        throw new CorruptIndexException(String.format(
            "Transaction index entry %d has version %d; Floe reads version %d", aborted.size(), version, VERSION));
      }
      long producerId = in.getLong();
      long firstOffset = in.getLong();
      long lastOffset = in.getLong();
      in.getLong(); // the last stable offset: not needed to tell aborted records
      aborted.add(new AbortedTransaction(producerId, firstOffset, lastOffset));
    }
    return aborted;
  }
}
