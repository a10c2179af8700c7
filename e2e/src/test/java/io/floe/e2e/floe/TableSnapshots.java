package io.floe.e2e.floe;

import io.floe.writer.commit.SegmentSnapshots;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/** What the snapshots of a topic's table say they committed to its {@code main} branch. */
public final class TableSnapshots {
  private TableSnapshots() {}

  /**
   * The segment id in the summary of every snapshot of {@code main} in {@code kafka.<table>} (its
   * current snapshot and that one's ancestors), newest first, repeats kept.
   */
  public static List<String> segmentIdsOfMain(Path warehouse, String table) {
    return WarehouseCatalog.withTable(warehouse, table, TableSnapshots::segmentIdsOfMain);
  }

  private static List<String> segmentIdsOfMain(Table table) {
    if (table.currentSnapshot() == null) {
      return List.of();
    }
    return StreamSupport.stream(SnapshotUtil.ancestorsOf(table.currentSnapshot().snapshotId(), table::snapshot).spliterator(), false)
        .map(snapshot -> snapshot.summary().get(SegmentSnapshots.SEGMENT_ID))
        .filter(Objects::nonNull)
        .toList();
  }
}
