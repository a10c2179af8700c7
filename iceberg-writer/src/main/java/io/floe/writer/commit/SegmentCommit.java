package io.floe.writer.commit;

import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.segment.AbortedTransaction;
import io.floe.translator.table.KafkaColumns;
import io.floe.writer.pending.PendingTransactions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.expressions.Expressions;

/**
 * Commits one segment to both views of its table in one Iceberg transaction, so that a crash never
 * leaves it in one and not the other: every file to the Kafka view's branch
 * ({@link KafkaViewBranch}); to {@code main} the files analysts see, the files of pending
 * transactions the segment commits, and delete files for the rows they replace; and the
 * partition's pending transactions as they are after the segment. The {@code main} change is
 * validated against the snapshot in which the replaced rows were found: if another writer added
 * rows of the same Kafka partition since, or removed a file the deletes point at (an operator's
 * compaction), the commit fails and the upload is retried from the start.
 *
 * <pre>{@code
 * SegmentCommit.of(segment)
 *     .toKafkaView(files)
 *     .toMain(analystFiles)
 *     .deleting(deletes, deletedFrom)
 *     .validatedFrom(scannedSnapshot)
 *     .pending(transactions)
 *     .commitTo(table, written::writing);
 * }</pre>
 */
public final class SegmentCommit {
  private final SegmentRef segment;
  private final List<DataFile> kafkaView = new ArrayList<>();
  private final List<String> released = new ArrayList<>();
  private final List<DataFile> main = new ArrayList<>();
  private final List<DeleteFile> deletes = new ArrayList<>();
  private final Set<String> deletedFrom = new HashSet<>();
  private final List<AbortedTransaction> aborted = new ArrayList<>();
  private Optional<Long> scannedSnapshot = Optional.empty();
  private PendingTransactions pending;

  private SegmentCommit(SegmentRef segment) {
    this.segment = segment;
  }

  public static SegmentCommit of(SegmentRef segment) {
    return new SegmentCommit(segment);
  }

  /** Whether the segment is committed: both views are, or neither. */
  public static boolean has(Table table, String segmentId) {
    return KafkaViewBranch.has(table, segmentId);
  }

  /** Every data file of the segment. */
  public SegmentCommit toKafkaView(List<DataFile> files) {
    kafkaView.addAll(files);
    return this;
  }

  /** Files the Kafka view's branch no longer needs: pending files of deleted segments whose outcome is known. */
  public SegmentCommit releasing(List<String> locations) {
    released.addAll(locations);
    return this;
  }

  /** Files {@code main} adds: the segment's analyst files, and files of the transactions it commits. */
  public SegmentCommit toMain(List<DataFile> files) {
    main.addAll(files);
    return this;
  }

  /**
   * Delete files for rows the segment replaces.
   *
   * @param dataFiles the files of {@code main} those deletes point at, which must still be there
   */
  public SegmentCommit deleting(List<DeleteFile> files, Set<String> dataFiles) {
    deletes.addAll(files);
    deletedFrom.addAll(dataFiles);
    return this;
  }

  /** The transactions the segment aborts, recorded with its commit for later copies of its offsets. */
  public SegmentCommit aborting(List<AbortedTransaction> transactions) {
    aborted.addAll(transactions);
    return this;
  }

  /** The {@code main} snapshot in which the replaced rows were found, if {@code main} had one. */
  public SegmentCommit validatedFrom(Optional<Long> snapshot) {
    scannedSnapshot = snapshot;
    return this;
  }

  /** The partition's pending transactions after the segment. */
  public SegmentCommit pending(PendingTransactions transactions) {
    pending = transactions;
    return this;
  }

  /**
   * Commits to the table as it is now; the upload's lock on it keeps it so until this returns.
   * {@code writing} hears of the file this writes before it commits, the Kafka view's manifest, so
   * that a commit that fails can be taken back with the upload's other files.
   */
  public void commitTo(Table table, Consumer<String> writing) {
    Transaction transaction = table.newTransaction();
    AppendFiles branch = SegmentSnapshots.recordAborts(SegmentSnapshots.describe(
        ManifestWork.inCallerThread(transaction.newAppend()).toBranch(KafkaViewBranch.NAME), segment), aborted);
    if (KafkaViewManifest.fits(table, kafkaView)) {
      String location = KafkaViewManifest.location(table);
      writing.accept(location);
      branch.appendManifest(KafkaViewManifest.write(table, location, kafkaView));
    } else {
      kafkaView.forEach(branch::appendFile);
    }
    branch.commit();
    if (!main.isEmpty() || !deletes.isEmpty()) {
      RowDelta delta = SegmentSnapshots.describe(ManifestWork.inCallerThread(transaction.newRowDelta()), segment)
          .conflictDetectionFilter(Expressions.equal(KafkaColumns.KAFKA + "." + KafkaColumns.PARTITION, segment.partition()))
          .validateNoConflictingDataFiles()
          .validateNoConflictingDeleteFiles()
          .validateDeletedFiles()
          .validateDataFilesExist(deletedFrom);
      scannedSnapshot.ifPresent(delta::validateFromSnapshot);
      main.forEach(delta::addRows);
      deletes.forEach(delta::addDeletes);
      delta.commit();
    }
    if (!released.isEmpty()) {
      DeleteFiles release = ManifestWork.inCallerThread(transaction.newDelete()).toBranch(KafkaViewBranch.NAME)
          .set(SegmentSnapshots.SEGMENT_ID, segment.segmentId())
          .set(SegmentSnapshots.PARTITION, Integer.toString(segment.partition()));
      released.forEach(release::deleteFile);
      release.commit();
    }
    if (pending != null) {
      PendingState.write(transaction.updateProperties(), pending);
    }
    transaction.commitTransaction();
  }
}
