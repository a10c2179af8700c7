package io.floe.writer.maintenance;

import io.floe.writer.commit.ManifestWork;
import io.floe.writer.repoint.KafkaViewRepointing;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;

/**
 * Compacts {@code main}: the small data files of each table partition and Kafka partition that
 * were committed before a cut-off are rewritten in offset order into files of about a target size,
 * each group in its own replace snapshot (Iceberg core's {@code RewriteFiles}, validated against
 * the snapshot it planned from, so that a row deleted meanwhile is never brought back). Analysts
 * see the same rows; the Kafka view still reads the old files, which the branch keeps, until
 * {@link KafkaViewRepointing} re-points it, as the next step of a pass does.
 *
 * <pre>{@code
 * MainCompaction done = CompactMainFiles.of(table).targetFileSize(512L << 20).committedBefore(cutoff).commit();
 * }</pre>
 *
 * <p>Crash-safe: a group's file counts only once its commit is in the catalog; a killed run leaves
 * it unreferenced, for orphan removal.
 */
public final class CompactMainFiles {
  /** The snapshot summary's {@code floe.operation} of a compaction. */
  public static final String OPERATION = "compact-main";
  /** The row groups compacted files are written in, at most: as the broker's uploads write theirs by default. */
  static final long ROW_GROUP_BYTES = 16L << 20;

  private final Table table;
  private long targetBytes = 512L << 20;
  private Instant committedBefore = Instant.MAX;
  private long bytesPerSecond;

  private CompactMainFiles(Table table) {
    this.table = table;
  }

  public static CompactMainFiles of(Table table) {
    return new CompactMainFiles(table);
  }

  /** The size of the files it writes, about: smaller files are packed together up to it. */
  public CompactMainFiles targetFileSize(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("Cannot compact to files of " + bytes + " bytes: the target must be positive");
    }
    targetBytes = bytes;
    return this;
  }

  /** Leaves the files committed at or after {@code cutoff}: the newest ones, which more may soon join. */
  public CompactMainFiles committedBefore(Instant cutoff) {
    committedBefore = cutoff;
    return this;
  }

  /**
   * Reads at most {@code bytes} of files a second, on average, waiting between files: in the
   * broker, so as to leave the cores to the copies. 0, the default: as fast as it can.
   */
  public CompactMainFiles pacedTo(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("Cannot pace a compaction to " + bytes + " bytes a second");
    }
    bytesPerSecond = bytes;
    return this;
  }

  /**
   * Compacts every group the plan finds, one commit each. A group whose rows turn out to be out of
   * offset order, one of whose files is damaged, or whose files changed since the plan, is left as
   * it is, with the reason.
   */
  public MainCompaction commit() {
    table.refresh();
    Snapshot head = table.currentSnapshot();
    if (head == null) {
      return new MainCompaction(0, 0, Map.of());
    }
    CompactedFile output = new CompactedFile(table, Pacing.of(bytesPerSecond));
    int rewritten = 0;
    int written = 0;
    Map<String, String> left = new LinkedHashMap<>();
    for (CompactionGroup group : CompactionPlan.of(table, head, targetBytes, committedBefore)) {
      DataFile compacted;
      try {
        compacted = output.write(group, ROW_GROUP_BYTES);
      } catch (RowsOutOfOrderException | DamagedDataFileException e) {
        left.put(group.describe(), e.getMessage());
        continue;
      }
      if (compacted.recordCount() != group.rows()) {
        table.io().deleteFile(compacted.location());
        throw new IllegalStateException(String.format("Cannot compact %s of table %s: %d rows written of %d",
            group.describe(), table.name(), compacted.recordCount(), group.rows()));
      }
      RewriteFiles rewrite = ManifestWork.inCallerThread(table.newRewrite()).validateFromSnapshot(head.snapshotId())
          .set(KafkaViewRepointing.OPERATION, OPERATION);
      group.files().forEach(rewrite::deleteFile);
      rewrite.addFile(compacted);
      try {
        rewrite.commit();
      } catch (ValidationException e) {
        table.io().deleteFile(compacted.location());
        left.put(group.describe(), "Cannot commit: " + e.getMessage());
        continue;
      } catch (CommitStateUnknownException e) {
        // The commit may be in the catalog: the file is kept, and orphan removal takes it if it is not.
        throw e;
      } catch (RuntimeException e) {
        table.io().deleteFile(compacted.location());
        throw e;
      }
      rewritten += group.files().size();
      written++;
    }
    return new MainCompaction(rewritten, written, left);
  }
}
