package io.floe.writer.commit;

import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.deletes.LocatedRow;
import io.floe.writer.deletes.PositionDeletes;
import io.floe.writer.deletes.TableRowScan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Removes a deleted segment's rows from {@code main}, for tables that follow Kafka's retention:
 * wherever they are by now (an operator may have compacted them into other files), a data file
 * all of whose live rows go is dropped, and the rest are deleted by position.
 */
public final class KafkaRetention {
  private KafkaRetention() {}

  public static void remove(Table table, SegmentRef segment) {
    Snapshot main = table.currentSnapshot();
    if (main == null) {
      return;
    }
    List<LocatedRow> rows = TableRowScan.rows(table, main.snapshotId(), segment.partition(), segment.startOffset(),
        segment.endOffset());
    if (rows.isEmpty()) {
      return;
    }
    Map<String, List<LocatedRow>> byFile = new LinkedHashMap<>();
    rows.forEach(row -> byFile.computeIfAbsent(row.file().location(), f -> new ArrayList<>()).add(row));
    List<DataFile> whole = new ArrayList<>();
    List<LocatedRow> some = new ArrayList<>();
    byFile.values().forEach(fileRows -> {
      DataFile file = fileRows.get(0).file();
      if (fileRows.size() == file.recordCount()) {
        whole.add(file);
      } else {
        some.addAll(fileRows);
      }
    });
    // Two commits, files first: a position delete file covers a range of file names, and Iceberg
    // refuses to drop a file inside the range of a delete file added in the same commit. A retry
    // of a half-done removal finds only what is left.
    if (!whole.isEmpty()) {
      DeleteFiles drop = ManifestWork.inCallerThread(table.newDelete())
          .set(SegmentSnapshots.SEGMENT_ID, segment.segmentId())
          .set(SegmentSnapshots.PARTITION, Integer.toString(segment.partition()));
      whole.forEach(drop::deleteFile);
      drop.commit();
    }
    if (!some.isEmpty()) {
      RowDelta delta = ManifestWork.inCallerThread(table.newRowDelta())
          .set(SegmentSnapshots.SEGMENT_ID, segment.segmentId())
          .set(SegmentSnapshots.PARTITION, Integer.toString(segment.partition()))
          .validateFromSnapshot(main.snapshotId())
          .validateDataFilesExist(some.stream().map(row -> row.file().location()).collect(Collectors.toSet()))
          .validateDeletedFiles();
      String prefix = segment.segmentId() + "-retention-" + UUID.randomUUID().toString().substring(0, 8) + "-";
      PositionDeletes.write(table, some, prefix).forEach(delta::addDeletes);
      delta.commit();
    }
  }
}
