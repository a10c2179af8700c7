package io.floe.e2e.floe;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * A topic's table watched through the embedded default's catalog, as an analyst polling it would:
 * each look reads the snapshots {@code main} gained since the last look and the data files they
 * added, with the time each was committed. The catalog stays open between looks, so that a look
 * costs a refresh and the new snapshots' manifests. Every snapshot is seen if looks come more
 * often than Floe's maintenance expires history: it keeps a minute of {@code main}'s at least.
 */
public final class MainCommits implements AutoCloseable {
  private final Catalog catalog;
  private final TableIdentifier identifier;
  private final Map<String, Instant> committedAt = new HashMap<>();
  /** Until the first upload creates the table, none. */
  private Table table;
  private long lastSeenSnapshot = -1;

  private MainCommits(Catalog catalog, TableIdentifier identifier) {
    this.catalog = catalog;
    this.identifier = identifier;
  }

  /** A data file and when the snapshot of {@code main} that added it was committed. */
  public record CommittedFile(TableFile file, Instant committedAt) {
  }

  /** Watches {@code kafka.<table>} of the embedded default's catalog of {@code warehouse}, whether it exists yet or not. */
  public static MainCommits of(Path warehouse, String table) {
    return new MainCommits(CatalogUtil.buildIcebergCatalog("floe", WarehouseCatalog.embeddedDefault(warehouse), null),
        TableIdentifier.of("kafka", table));
  }

  /** The data files that snapshots of {@code main} added since the last look, oldest first; none before the table exists. */
  public List<CommittedFile> look() {
    if (table == null) {
      if (!catalog.tableExists(identifier)) {
        return List.of();
      }
      table = catalog.loadTable(identifier);
    } else {
      table.refresh();
    }
    Snapshot head = table.currentSnapshot();
    if (head == null || head.snapshotId() == lastSeenSnapshot) {
      return List.of();
    }
    Deque<Snapshot> unseen = new ArrayDeque<>();
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(head.snapshotId(), table::snapshot)) {
      if (snapshot.snapshotId() == lastSeenSnapshot) {
        break;
      }
      unseen.push(snapshot);
    }
    List<CommittedFile> added = new ArrayList<>();
    for (Snapshot snapshot : unseen) {
      Instant committed = Instant.ofEpochMilli(snapshot.timestampMillis());
      for (DataFile file : snapshot.addedDataFiles(table.io())) {
        added.add(new CommittedFile(TableFile.of(table, file), committed));
        committedAt.putIfAbsent(file.location(), committed);
      }
    }
    lastSeenSnapshot = head.snapshotId();
    return added;
  }

  /** When {@code main} gained the data file, if a look saw the snapshot that added it. */
  public Optional<Instant> committedAt(String location) {
    return Optional.ofNullable(committedAt.get(location));
  }

  /** The data files of {@code main} as of the last look, with their column metrics. */
  public List<TableFile> filesOfMain() {
    List<TableFile> files = new ArrayList<>();
    scan(SnapshotRef.MAIN_BRANCH, file -> files.add(TableFile.of(table, file)));
    return files;
  }

  /** The size of each data file of {@code ref}'s head as of the last look, by location. */
  public Map<String, Long> fileSizesOf(String ref) {
    Map<String, Long> sizes = new HashMap<>();
    scan(ref, file -> sizes.put(file.location(), file.fileSizeInBytes()));
    return sizes;
  }

  /** How many snapshots {@code main}'s history holds as of the last look: its head and the ancestors expiry left. */
  public int snapshotsOfMain() {
    if (table == null || table.currentSnapshot() == null) {
      return 0;
    }
    int count = 0;
    for (Snapshot ignored : SnapshotUtil.ancestorsOf(table.currentSnapshot().snapshotId(), table::snapshot)) {
      count++;
    }
    return count;
  }

  private void scan(String ref, Consumer<DataFile> action) {
    if (table == null || table.refs().get(ref) == null) {
      return;
    }
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useRef(ref).includeColumnStats().planFiles()) {
      tasks.forEach(task -> action.accept(task.file()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the data files of " + ref + " of " + identifier + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      ((Closeable) catalog).close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the catalog of " + identifier + ": " + e.getMessage(), e);
    }
  }
}
