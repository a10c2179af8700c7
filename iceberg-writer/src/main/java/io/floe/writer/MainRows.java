package io.floe.writer;

import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.segment.AbortedTransaction;
import io.floe.writer.deletes.LocatedRow;
import io.floe.writer.deletes.TableRowScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.SerializableTable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * What one upload must know of {@code main}, read at one snapshot under the table's lock: a view
 * of the table that stays put while the segment is written, that snapshot, the rows it already
 * holds at the segment's offsets (a previous upload of them), and the rows of earlier segments
 * that belong to transactions whose abort markers are in this segment.
 */
record MainRows(Table view, Optional<Long> snapshotId, List<LocatedRow> inRange, List<LocatedRow> abortedEarlier) {
  static MainRows of(Table latest, SegmentRef segment, List<AbortedTransaction> aborted) {
    Table view = SerializableTable.copyOf(latest);
    Snapshot main = latest.currentSnapshot();
    if (main == null) {
      return new MainRows(view, Optional.empty(), List.of(), List.of());
    }
    List<LocatedRow> inRange = TableRowScan.rows(latest, main.snapshotId(), segment.partition(),
        segment.startOffset(), segment.endOffset());
    List<LocatedRow> abortedEarlier = new ArrayList<>();
    for (AbortedTransaction transaction : aborted) {
      if (transaction.firstOffset() < segment.startOffset()) {
        TableRowScan.rows(latest, main.snapshotId(), segment.partition(), transaction.firstOffset(),
                segment.startOffset() - 1).stream()
            .filter(row -> row.transactional() && transaction.covers(row.producerId(), row.offset()))
            .forEach(abortedEarlier::add);
      }
    }
    return new MainRows(view, Optional.of(main.snapshotId()), inRange, abortedEarlier);
  }
}
