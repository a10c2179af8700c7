package io.floe.writer.table;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table's operations that, when a commit fails, ask the catalog whether it landed all the same,
 * and report it committed if so. The catalog's clients retry on their own: Iceberg's REST client
 * posts a commit again when the catalog answered 502, 503 or 504 (even after applying it), and its
 * JDBC client pool runs the update again on a new connection when the first one broke. The retry
 * of a commit that landed is refused as a conflict ({@link CommitFailedException}), and Iceberg
 * would then apply the commit's changes a second time on top of themselves, or give up and delete
 * the files of the snapshot the catalog now holds.
 *
 * <p>A commit adding snapshots landed when the catalog has them: snapshot ids are random, no other
 * writer makes the same. A commit adding none (schema, properties) cannot be told apart, and fails
 * as it failed. A commit whose catalog cannot be asked afterwards has an unknown outcome, however
 * it failed: its files must stay.
 */
final class ReconciledOperations extends ForwardingOperations {
  private static final Logger LOG = LoggerFactory.getLogger(ReconciledOperations.class);

  private final String table;

  ReconciledOperations(TableOperations operations, String table) {
    super(operations);
    this.table = table;
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    try {
      super.commit(base, metadata);
    } catch (RuntimeException e) {
      Set<Long> added = added(base, metadata);
      if (added.isEmpty()) {
        throw e;
      }
      TableMetadata now;
      try {
        now = refresh();
      } catch (RuntimeException refreshing) {
        e.addSuppressed(refreshing);
        throw e instanceof CommitStateUnknownException unknown ? unknown : new CommitStateUnknownException(e);
      }
      if (added.stream().allMatch(id -> now.snapshot(id) != null)) {
        LOG.info("The commit of snapshots {} to table {} failed ({}), but the catalog holds them: it landed",
            added, table, e.toString());
        return;
      }
      throw e;
    }
  }

  /** The ids of the snapshots {@code metadata} adds to {@code base}. */
  private static Set<Long> added(TableMetadata base, TableMetadata metadata) {
    Set<Long> before = base == null ? Set.of()
        : base.snapshots().stream().map(Snapshot::snapshotId).collect(Collectors.toSet());
    return metadata.snapshots().stream().map(Snapshot::snapshotId).filter(id -> !before.contains(id))
        .collect(Collectors.toSet());
  }
}
