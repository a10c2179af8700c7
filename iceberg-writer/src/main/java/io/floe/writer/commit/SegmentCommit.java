package io.floe.writer.commit;

import io.floe.translator.manifest.SegmentRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.expressions.Expressions;
import io.floe.translator.table.KafkaColumns;

/**
 * Commits one segment to both views of its table in one Iceberg transaction, so that a crash never
 * leaves it in one and not the other: every file to the Kafka view's branch
 * ({@link KafkaViewBranch}), and to {@code main} the files analysts see with delete files for the
 * rows they replace. The {@code main} change is validated against the snapshot in which the
 * replaced rows were found: if another writer added rows of the same Kafka partition since, or
 * removed a file the deletes point at (an operator's compaction), the commit fails and the upload
 * is retried from the start.
 */
public final class SegmentCommit {
  private SegmentCommit() {}

  /** Whether the segment is committed: both views are, or neither. */
  public static boolean has(Table table, String segmentId) {
    return KafkaViewBranch.has(table, segmentId);
  }

  /**
   * @param allFiles every data file of the segment
   * @param analystFiles the files {@code main} holds, a subset of {@code allFiles}
   * @param deletes delete files for rows of {@code main} the segment replaces
   * @param deletedFrom the data files those deletes point at
   * @param scannedSnapshot the {@code main} snapshot in which the replaced rows were found, if
   *     {@code main} had one
   */
  public static void commit(Table table, SegmentRef segment, List<DataFile> allFiles, List<DataFile> analystFiles,
      List<DeleteFile> deletes, Set<String> deletedFrom, Optional<Long> scannedSnapshot) {
    Transaction transaction = table.newTransaction();
    AppendFiles branch = SegmentSnapshots.describe(transaction.newAppend().toBranch(KafkaViewBranch.NAME), segment);
    allFiles.forEach(branch::appendFile);
    branch.commit();
    if (!analystFiles.isEmpty() || !deletes.isEmpty()) {
      RowDelta main = SegmentSnapshots.describe(transaction.newRowDelta(), segment)
          .conflictDetectionFilter(Expressions.equal(KafkaColumns.KAFKA + "." + KafkaColumns.PARTITION, segment.partition()))
          .validateNoConflictingDataFiles()
          .validateNoConflictingDeleteFiles()
          .validateDeletedFiles()
          .validateDataFilesExist(deletedFrom);
      scannedSnapshot.ifPresent(main::validateFromSnapshot);
      analystFiles.forEach(main::addRows);
      deletes.forEach(main::addDeletes);
      main.commit();
    }
    transaction.commitTransaction();
  }
}
