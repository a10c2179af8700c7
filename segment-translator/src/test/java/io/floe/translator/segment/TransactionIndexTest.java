package io.floe.translator.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A segment's transaction index, read and completed with the aborts a broker left out. */
class TransactionIndexTest {
  @Test
  void readsEveryEntryInItsOrder() {
    byte[] index = entries(new long[] {7, 10, 12, 13}, new long[] {8, 11, 15, 16});

    assertEquals(List.of(new AbortedTransaction(7, 10, 12), new AbortedTransaction(8, 11, 15)),
        TransactionIndex.abortedTransactions(index));
  }

  @Test
  void anIndexOfPartEntriesOrAnotherVersionIsCorrupt() {
    assertThrows(CorruptIndexException.class, () -> TransactionIndex.abortedTransactions(new byte[33]));
    byte[] index = entries(new long[] {7, 10, 12, 13});
    index[1] = 1;
    assertThrows(CorruptIndexException.class, () -> TransactionIndex.abortedTransactions(index));
  }

  @Test
  void anAddedAbortTakesItsMarkersPlaceAmongTheEntries() {
    byte[] index = entries(new long[] {7, 20, 21, 22}, new long[] {8, 30, 31, 32});

    byte[] completed = TransactionIndex.adding(Optional.of(index), List.of(new AbortedTransaction(9, 15, 25)), 15);

    assertArrayEquals(entries(new long[] {7, 20, 21, 15}, new long[] {9, 15, 25, 15}, new long[] {8, 30, 31, 32}),
        completed);
  }

  @Test
  void entriesWhoseMarkersCameWhileTheAddedTransactionWasOpenGetALastStableOffsetNoLaterThanItsStart() {
    byte[] index = entries(new long[] {7, 3, 4, 5}, new long[] {8, 18, 19, 20});

    byte[] completed = TransactionIndex.adding(Optional.of(index), List.of(new AbortedTransaction(9, 10, 25)), 2);

    assertArrayEquals(entries(new long[] {7, 3, 4, 5}, new long[] {8, 18, 19, 10}, new long[] {9, 10, 25, 2}),
        completed, "the entry ended before the transaction began keeps its last stable offset");
  }

  @Test
  void addedAbortsLowerEachOthersLastStableOffsetsInAnyOrder() {
    List<AbortedTransaction> missing = List.of(new AbortedTransaction(8, 5, 30), new AbortedTransaction(9, 10, 25));

    byte[] completed = TransactionIndex.adding(Optional.empty(), missing, 40);

    assertArrayEquals(entries(new long[] {9, 10, 25, 5}, new long[] {8, 5, 30, 5}), completed,
        "producer 8's transaction was open when producer 9's abort came");
  }

  @Test
  void aSegmentWithoutAnIndexGetsOneOfTheAddedAborts() {
    byte[] completed = TransactionIndex.adding(Optional.empty(), List.of(new AbortedTransaction(9, 10, 25)), 12);

    assertArrayEquals(entries(new long[] {9, 10, 25, 10}), completed, "no later than the transaction's first offset");
  }

  /** Index bytes of entries {producer, first offset, last offset, last stable offset}, version 0. */
  private static byte[] entries(long[]... entries) {
    ByteBuffer out = ByteBuffer.allocate(entries.length * 34);
    for (long[] entry : entries) {
      out.putShort((short) 0).putLong(entry[0]).putLong(entry[1]).putLong(entry[2]).putLong(entry[3]);
    }
    return out.array();
  }
}
