package io.floe.writer;

import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.segment.AbortedTransaction;
import io.floe.translator.segment.TransactionMarkers;
import io.floe.writer.commit.SegmentSnapshots;
import java.util.ArrayList;
import java.util.List;

/**
 * The aborts a segment's markers state that its transaction index leaves out, each with where its
 * transaction began as Floe knows it (docs/architecture.md §6, upload step 4). A broker that rebuilt
 * its producer state from a local log starting after a transaction began does not know it is open
 * when its abort marker comes, and indexes no abort. Floe knows the transaction from the rows it
 * holds pending or, when another copy of the same offsets (an earlier leader's) settled it first,
 * from the aborts that copy's commit recorded.
 */
final class AbortsLeftOut {
  private AbortsLeftOut() {}

  static List<AbortedTransaction> of(SegmentRef segment, List<AbortedTransaction> indexed, TransactionMarkers markers,
      MainRows main) {
    List<AbortedTransaction> leftOut = new ArrayList<>(main.pending().abortsLeftOut(indexed, markers));
    List<TransactionMarkers.Abort> unknown = markers.aborts().stream()
        .filter(abort -> !endedBy(indexed, abort) && !endedBy(leftOut, abort))
        .toList();
    if (!unknown.isEmpty()) {
      // an abort marker with no entry is also that of a transaction without records in the partition
      List<AbortedTransaction> settled = SegmentSnapshots.abortsFrom(main.view(), segment.partition(),
          segment.startOffset());
      for (TransactionMarkers.Abort abort : unknown) {
        settled.stream().filter(transaction -> ends(transaction, abort)).findFirst().ifPresent(leftOut::add);
      }
    }
    return leftOut;
  }

  private static boolean endedBy(List<AbortedTransaction> transactions, TransactionMarkers.Abort abort) {
    return transactions.stream().anyMatch(transaction -> ends(transaction, abort));
  }

  private static boolean ends(AbortedTransaction transaction, TransactionMarkers.Abort abort) {
    return transaction.producerId() == abort.producerId() && transaction.lastOffset() == abort.offset();
  }
}
