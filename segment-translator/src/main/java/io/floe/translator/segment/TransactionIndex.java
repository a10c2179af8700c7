package io.floe.translator.segment;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A segment's transaction index as the broker writes it ({@code TransactionIndex}): fixed-size
 * entries of a version (0), the producer id, the first and last offsets of the aborted transaction,
 * and the last stable offset when it was aborted, in the order of their abort markers.
 */
public final class TransactionIndex {
  private static final int ENTRY_SIZE = Short.BYTES + 4 * Long.BYTES;
  private static final short VERSION = 0;

  private TransactionIndex() {}

  /** An entry: the transaction, and the offset below which every transaction had ended when it was aborted. */
  private record Entry(AbortedTransaction transaction, long lastStableOffset) {}

  /**
   * The aborted transactions the index lists, in its order.
   *
   * @throws CorruptIndexException when the bytes are not whole entries of version 0
   */
  public static List<AbortedTransaction> abortedTransactions(byte[] index) {
    return entries(index).stream().map(Entry::transaction).toList();
  }

  /**
   * The index with the aborts it leaves out added, as a broker that knew them would have written
   * it: each in the order of its marker, with a last stable offset of at most {@code
   * lastStableOffset}. An abort's transaction was open from its first offset to its marker, so an
   * entry the index has for a marker in that span gets a last stable offset of at most that first
   * offset: the broker stops looking for aborted transactions at an entry whose last stable offset
   * is past the data it serves, and must not stop before the added one.
   *
   * @param lastStableOffset at most the first offset of every transaction open at the added markers
   */
  public static byte[] adding(Optional<byte[]> index, List<AbortedTransaction> missing, long lastStableOffset) {
    List<Entry> entries = new ArrayList<>(index.map(TransactionIndex::entries).orElse(List.of()));
    missing.forEach(added -> entries.add(new Entry(added, Math.min(lastStableOffset, added.firstOffset()))));
    for (AbortedTransaction added : missing) {
      entries.replaceAll(entry -> entry.transaction().lastOffset() >= added.firstOffset()
          && entry.transaction().lastOffset() < added.lastOffset()
          ? new Entry(entry.transaction(), Math.min(entry.lastStableOffset(), added.firstOffset()))
          : entry);
    }
    entries.sort(Comparator.comparingLong(entry -> entry.transaction().lastOffset()));
    ByteBuffer out = ByteBuffer.allocate(entries.size() * ENTRY_SIZE);
    for (Entry entry : entries) {
      out.putShort(VERSION).putLong(entry.transaction().producerId()).putLong(entry.transaction().firstOffset())
          .putLong(entry.transaction().lastOffset()).putLong(entry.lastStableOffset());
    }
    return out.array();
  }

  private static List<Entry> entries(byte[] index) {
    if (index.length % ENTRY_SIZE != 0) {
      throw new CorruptIndexException(String.format(
          "Transaction index of %d bytes is not a whole number of %d-byte entries", index.length, ENTRY_SIZE));
    }
    ByteBuffer in = ByteBuffer.wrap(index);
    List<Entry> entries = new ArrayList<>(index.length / ENTRY_SIZE);
    while (in.hasRemaining()) {
      short version = in.getShort();
      if (version != VERSION) {
        throw new CorruptIndexException(String.format(
            "Transaction index entry %d has version %d; Floe reads version %d", entries.size(), version, VERSION));
      }
      AbortedTransaction transaction = new AbortedTransaction(in.getLong(), in.getLong(), in.getLong());
      entries.add(new Entry(transaction, in.getLong()));
    }
    return entries;
  }
}
