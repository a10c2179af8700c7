package io.floe.writer.maintenance;

import java.util.List;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Rewrites the data manifests of {@code main}'s current snapshot into as few as their size allows,
 * when there are more than a bound: every commit adds one, and a scan plans over all of them.
 * Iceberg core's {@code RewriteManifests}: the same data files, listed again, in a snapshot of
 * operation {@code replace}; no data file is written or deleted, so neither view's rows change.
 *
 * <pre>{@code
 * int rewritten = RewriteMainManifests.of(table).whenMoreThan(100).commit();
 * }</pre>
 *
 * <p>Crash-safe: the new manifests count only once the catalog commits them; a failed commit
 * deletes them, a killed one leaves them unreferenced under the table's metadata location.
 */
public final class RewriteMainManifests {
  /** One group: manifests are filled to their target size whatever the rows' partitions. */
  private static final String ALL_FILES = "all";

  private final Table table;
  private int maxManifests = 1;

  private RewriteMainManifests(Table table) {
    this.table = table;
  }

  public static RewriteMainManifests of(Table table) {
    return new RewriteMainManifests(table);
  }

  /** Rewrites only when {@code main}'s current snapshot has more than {@code manifests} data manifests. */
  public RewriteMainManifests whenMoreThan(int manifests) {
    if (manifests < 1) {
      throw new IllegalArgumentException("Cannot keep " + manifests + " manifests: a snapshot with data has one at least");
    }
    maxManifests = manifests;
    return this;
  }

  /** Rewrites them if there are too many; returns how many were rewritten, 0 if none. */
  public int commit() {
    table.refresh();
    Snapshot main = table.currentSnapshot();
    if (main == null) {
      return 0;
    }
    List<ManifestFile> manifests = main.dataManifests(table.io());
    if (manifests.size() <= maxManifests) {
      return 0;
    }
    table.rewriteManifests().clusterBy(file -> ALL_FILES).commit();
    return manifests.size();
  }
}
