package io.floe.writer.repoint;

import io.floe.writer.commit.KafkaViewBranch;
import io.floe.writer.pending.PendingTransactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The data files of both views of a table as one refresh of it shows them, and what {@code main}'s
 * history, as far as snapshot expiry left it, says of them: which files its compactions (replace
 * snapshots) took out and put in, and which files any of its commits took out.
 *
 * @param kafkaView the files of the Kafka view's branch, by location
 * @param main the locations of the files {@code main} holds now
 * @param replaced the files replace snapshots of {@code main} took out
 * @param removed the files any snapshot of {@code main} took out (compactions, deletes, overwrites)
 * @param compacted the Parquet files {@code main} holds now that a replace snapshot put in, by location
 * @param pending the files of pending transactions, of every partition
 */
record ViewFiles(Map<String, DataFile> kafkaView, Set<String> main, Set<String> replaced, Set<String> removed,
    Map<String, DataFile> compacted, Set<String> pending) {

  static ViewFiles of(Table table) {
    SnapshotRef branch = table.refs().get(KafkaViewBranch.NAME);
    Snapshot head = table.currentSnapshot();
    Map<String, DataFile> kafkaView = branch == null ? Map.of() : files(table, branch.snapshotId(), false);
    // With their column metrics: a compacted file joins the Kafka view's branch as main has it.
    Map<String, DataFile> mainFiles = head == null ? Map.of() : files(table, head.snapshotId(), true);
    Set<String> replaced = new HashSet<>();
    Set<String> removed = new HashSet<>();
    Map<String, DataFile> compacted = new HashMap<>();
    if (head != null) {
      for (Snapshot snapshot : SnapshotUtil.ancestorsOf(head.snapshotId(), table::snapshot)) {
        String operation = snapshot.operation();
        // Appends take nothing out; every other operation may.
        if (DataOperations.APPEND.equals(operation)) {
          continue;
        }
        boolean compaction = DataOperations.REPLACE.equals(operation);
        snapshot.removedDataFiles(table.io()).forEach(file -> {
          removed.add(file.location());
          if (compaction) {
            replaced.add(file.location());
          }
        });
        if (compaction) {
          snapshot.addedDataFiles(table.io()).forEach(file -> {
            // Fetches read Parquet only.
            if (mainFiles.containsKey(file.location()) && file.format() == FileFormat.PARQUET) {
              compacted.put(file.location(), mainFiles.get(file.location()));
            }
          });
        }
      }
    }
    Set<String> pending = new HashSet<>();
    table.properties().keySet().stream().filter(key -> key.startsWith(PendingTransactions.PROPERTY_PREFIX))
        .map(key -> key.substring(PendingTransactions.PROPERTY_PREFIX.length()))
        .filter(partition -> partition.matches("\\d{1,9}"))
        .forEach(partition -> pending.addAll(PendingTransactions.of(table, Integer.parseInt(partition)).locations()));
    return new ViewFiles(kafkaView, mainFiles.keySet(), replaced, removed, compacted, pending);
  }

  /** Files of the Kafka view that a compaction took out of {@code main}: their segments may be re-pointed. */
  Set<String> compactedAway() {
    Set<String> files = new HashSet<>(kafkaView.keySet());
    files.retainAll(replaced);
    files.removeAll(main);
    return files;
  }

  /**
   * Files of the Kafka view that {@code main} had and no longer has, and no pending transaction
   * holds: the branch is all that keeps them, and it needs them only while a manifest lists them.
   * Files retired earlier count too, though snapshot expiry may have cut the history that showed
   * them leaving {@code main}.
   */
  Set<String> leftToKafkaView(Set<String> retired) {
    Set<String> files = new HashSet<>(kafkaView.keySet());
    Set<String> left = new HashSet<>(removed);
    left.addAll(retired);
    files.retainAll(left);
    files.removeAll(main);
    files.removeAll(pending);
    return files;
  }

  private static Map<String, DataFile> files(Table table, long snapshotId, boolean withStats) {
    Map<String, DataFile> files = new HashMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshotId).planFiles()) {
      tasks.forEach(task -> files.put(task.file().location(), withStats ? task.file().copy() : task.file().copyWithoutStats()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the data files of table " + table.name() + " at snapshot "
          + snapshotId + ": " + e.getMessage(), e);
    }
    return files;
  }
}
