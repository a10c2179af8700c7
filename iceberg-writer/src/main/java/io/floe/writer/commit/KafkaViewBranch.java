package io.floe.writer.commit;

import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.pending.PendingTransactions;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;

/**
 * The table's branch that Floe owns: it holds every data file a live segment's manifest lists, so
 * that maintenance on {@code main} (rewriting files, expiring snapshots, removing orphan files)
 * never deletes a file a fetch needs. Segments are appended to it as they are tiered and removed
 * from it as Kafka deletes them. Analysts query {@code main}.
 */
public final class KafkaViewBranch {
  /** The branch's name. */
  public static final String NAME = "floe";

  private KafkaViewBranch() {}

  /** Whether the branch already has the segment: a retried upload that committed. */
  public static boolean has(Table table, String segmentId) {
    return SegmentSnapshots.find(table, NAME, segmentId).isPresent();
  }

  /**
   * Removes a deleted segment's own files from the branch, retires the files it shared with other
   * segments ({@link RetiredFiles}: a pass of re-pointing releases them once no manifest lists
   * them), and sets its partition's pending transactions to what they are without it, in one
   * commit; files the branch no longer has are skipped.
   *
   * @param own the files the segment's uploads wrote, which no other segment reads
   * @param shared files it was re-pointed at, which other segments may read too
   */
  public static void remove(Table table, SegmentRef segment, List<String> own, List<String> shared,
      PendingTransactions pending) {
    boolean pendingChanged = !pending.equals(PendingTransactions.of(table, segment.partition()));
    RetiredFiles retired = RetiredFiles.of(table);
    RetiredFiles retiring = retired.adding(shared, Instant.now());
    boolean retiredChanged = !retiring.equals(retired);
    if (table.refs().get(NAME) == null || (own.isEmpty() && !pendingChanged && !retiredChanged)) {
      return;
    }
    Transaction transaction = table.newTransaction();
    if (!own.isEmpty()) {
      DeleteFiles delete = ManifestWork.inCallerThread(transaction.newDelete()).toBranch(NAME)
          .set(SegmentSnapshots.SEGMENT_ID, segment.segmentId())
          .set(SegmentSnapshots.PARTITION, Integer.toString(segment.partition()));
      own.forEach(delete::deleteFile);
      delete.commit();
    }
    if (pendingChanged) {
      PendingState.write(transaction.updateProperties(), pending);
    }
    if (retiredChanged) {
      retiring.write(transaction.updateProperties());
    }
    transaction.commitTransaction();
  }
}
