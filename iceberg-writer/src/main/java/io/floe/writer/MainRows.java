package io.floe.writer;

import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.segment.AbortedTransaction;
import io.floe.writer.commit.KafkaViewBranch;
import io.floe.writer.commit.SegmentSnapshots;
import io.floe.writer.deletes.LocatedRow;
import io.floe.writer.deletes.TableRowScan;
import io.floe.writer.pending.PendingTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.SerializableTable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * What one upload must know of the table, read at one snapshot of {@code main} under the table's
 * lock: a view of the table that stays put while the segment is written, that snapshot, the rows it
 * already holds at the segment's offsets (a previous upload of them), the rows of earlier segments
 * that belong to transactions whose abort markers are in this segment (tiered before Floe kept
 * transactions pending), and the partition's pending transactions.
 */
record MainRows(Table view, Optional<Long> snapshotId, List<LocatedRow> inRange, List<LocatedRow> abortedEarlier,
    PendingTransactions pending) {
  static MainRows of(Table latest, SegmentRef segment, List<AbortedTransaction> aborted) {
    Table view = SerializableTable.copyOf(latest);
    PendingTransactions pending = PendingTransactions.of(latest, segment.partition());
    Snapshot main = latest.currentSnapshot();
    if (main == null) {
      return new MainRows(view, Optional.empty(), List.of(), List.of(), pending);
    }
    List<LocatedRow> inRange = mayHold(latest, main, segment.partition(), segment.startOffset())
        ? TableRowScan.rows(latest, main.snapshotId(), segment.partition(), segment.startOffset(), segment.endOffset())
        : List.of();
    List<LocatedRow> abortedEarlier = new ArrayList<>();
    for (AbortedTransaction transaction : aborted) {
      long pendingFrom = pending.pendingFrom(transaction.producerId(), segment.startOffset());
      if (transaction.firstOffset() < pendingFrom) {
        TableRowScan.rows(latest, main.snapshotId(), segment.partition(), transaction.firstOffset(), pendingFrom - 1)
            .stream()
            .filter(row -> row.transactional() && transaction.covers(row.producerId(), row.offset()))
            .forEach(abortedEarlier::add);
      }
    }
    return new MainRows(view, Optional.of(main.snapshotId()), inRange, abortedEarlier, pending);
  }

  /**
   * The rows of the pending file at {@code location} in [first, last], found in the Kafka view's
   * branch as this view of the table has it.
   */
  List<LocatedRow> pendingRows(int partition, String location, long first, long last) {
    SnapshotRef kafkaView = view.refs().get(KafkaViewBranch.NAME);
    if (kafkaView == null) {
      return List.of();
    }
    return TableRowScan.rows(view, kafkaView.snapshotId(), partition, first, last).stream()
        .filter(row -> row.file().location().equals(location))
        .toList();
  }

  /**
   * Whether {@code main} may hold rows of the Kafka partition from {@code from} on: some Floe
   * commit of its history ends there or later. Only the commits' summaries are read, which the
   * table's metadata holds; planning a scan reads the table's manifests, which would cost every
   * upload more as the table grows. When snapshots were expired the history is incomplete, and the
   * answer is yes.
   */
  private static boolean mayHold(Table table, Snapshot main, int partition, long from) {
    String kafkaPartition = Integer.toString(partition);
    Snapshot oldest = main;
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(main.snapshotId(), table::snapshot)) {
      String end = snapshot.summary().get(SegmentSnapshots.END_OFFSET);
      if (kafkaPartition.equals(snapshot.summary().get(SegmentSnapshots.PARTITION)) && end != null
          && Long.parseLong(end) >= from) {
        return true;
      }
      oldest = snapshot;
    }
    return oldest.parentId() != null;
  }
}
