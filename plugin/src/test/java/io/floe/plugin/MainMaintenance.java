package io.floe.plugin;

import io.floe.writer.data.MainCompactionFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;

/**
 * Maintenance on a table's main as an operator's engine runs it, with Iceberg's core API; public
 * for the end-to-end tests, which compact a real broker's table with it.
 */
public final class MainMaintenance {
  private MainMaintenance() {}

  /**
   * Rewrites every data file of main into one per table partition, its deletes applied (the delete
   * files go with the files they point at), and commits
   * it as a replace snapshot (Iceberg's {@code RewriteFiles}), as Spark's {@code rewrite_data_files} does.
   */
  public static void compact(Table table) throws IOException {
    compact(table, false, () -> "compacted-" + java.util.UUID.randomUUID() + ".parquet", Map.of());
  }

  /** As {@link #compact(Table)}, each new file holding its rows in the reverse of the order main read them in. */
  static void compactInReverse(Table table) throws IOException {
    compact(table, true, () -> "compacted-" + java.util.UUID.randomUUID() + ".parquet", Map.of());
  }

  /** As {@link #compact(Table)}, into files named as Floe's compaction names its own, their footers naming {@code segmentIds}. */
  static void compactAsFloeNaming(Table table, Set<String> segmentIds) throws IOException {
    compact(table, false, MainCompactionFiles::newName, MainCompactionFiles.footer(segmentIds));
  }

  private static void compact(Table table, boolean reversed, Supplier<String> names, Map<String, String> footer)
      throws IOException {
    table.refresh();
    List<DataFile> old = new ArrayList<>();
    Map<String, DeleteFile> deletes = new HashMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(task -> {
        old.add(task.file());
        task.deletes().forEach(delete -> deletes.put(delete.location(), delete));
      });
    }
    Map<PartitionKey, List<Record>> rowsByPartition = new HashMap<>();
    InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record row : records) {
        PartitionKey key = new PartitionKey(table.spec(), table.schema());
        key.partition(wrapper.wrap(row));
        rowsByPartition.computeIfAbsent(key, k -> new ArrayList<>()).add(row.copy());
      }
    }
    RewriteFiles rewrite = table.newRewrite().validateFromSnapshot(table.currentSnapshot().snapshotId());
    old.forEach(rewrite::deleteFile);
    deletes.values().forEach(rewrite::deleteFile);
    for (Map.Entry<PartitionKey, List<Record>> partition : rowsByPartition.entrySet()) {
      String location = table.locationProvider().newDataLocation(table.spec(), partition.getKey(), names.get());
      Parquet.DataWriteBuilder builder = Parquet.writeData(table.io().newOutputFile(location)).forTable(table);
      footer.forEach(builder::meta);
      DataWriter<Record> writer = builder.withPartition(partition.getKey()).createWriterFunc(GenericParquetWriter::create)
          .overwrite().build();
      List<Record> rows = new ArrayList<>(partition.getValue());
      if (reversed) {
        Collections.reverse(rows);
      }
      try (writer) {
        rows.forEach(writer::write);
      }
      rewrite.addFile(writer.toDataFile());
    }
    rewrite.commit();
  }

  /**
   * Expires every snapshot but each ref's head, then deletes every data file under the table that
   * no snapshot lists, as {@code expire_snapshots} and {@code remove_orphan_files} do at their most eager.
   */
  static void expireAndRemoveOrphans(Table table) throws IOException {
    table.refresh();
    table.expireSnapshots().expireOlderThan(System.currentTimeMillis() + 1).retainLast(1).commit();
    table.refresh();
    deleteFilesNoSnapshotReferences(table);
  }

  /** Deletes every data file under the table that no snapshot still lists, as remove_orphan_files does. */
  static void deleteFilesNoSnapshotReferences(Table table) throws IOException {
    Set<String> live = new HashSet<>();
    for (var snapshot : table.snapshots()) {
      try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
        tasks.forEach(task -> live.add(Path.of(URI.create(task.file().location()).getPath()).toString()));
      }
    }
    Path data = Path.of(URI.create(table.location()).getPath()).resolve("data");
    try (Stream<Path> files = Files.walk(data)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
        if (!live.contains(file.toString())) {
          Files.delete(file);
        }
      }
    }
  }
}
