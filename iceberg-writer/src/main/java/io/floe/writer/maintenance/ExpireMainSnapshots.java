package io.floe.writer.maintenance;

import io.floe.writer.commit.KafkaViewBranch;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.ExpireSnapshots;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;

/**
 * Expires old snapshots of {@code main}, and deletes the files only they referenced. Iceberg keeps
 * every snapshot a ref's retention keeps and every file of those: the Kafka view's branch gets its
 * own retention first, so that its head (every file a live segment's manifest lists) and its
 * recent history stay whatever {@code main} keeps, here or in any engine's {@code expire_snapshots}.
 *
 * <pre>{@code
 * int expired = ExpireMainSnapshots.of(table).retainLast(100).olderThan(cutoff).commit();
 * }</pre>
 *
 * <p>Crash-safe: the snapshots go in one catalog commit, then their files are deleted; a run killed
 * in between leaves those files unreferenced, for orphan removal ({@link RemoveOrphanFiles}).
 */
public final class ExpireMainSnapshots {
  /**
   * How long the Kafka view's branch keeps the snapshots before its head. An upload finds that its
   * segment id is committed already by walking that history; Kafka gives every copy attempt a new
   * id, so the same id comes back only while one copy call is still running or racing a duplicate,
   * seconds to minutes. An hour is an order of magnitude more, and keeps the table's metadata (which
   * lists every snapshot, and is rewritten by every commit) from growing with the branch's history.
   */
  public static final Duration KAFKA_VIEW_HISTORY = Duration.ofHours(1);

  private final Table table;
  private int retainLast = 1;
  private Optional<Instant> olderThan = Optional.empty();

  private ExpireMainSnapshots(Table table) {
    this.table = table;
  }

  public static ExpireMainSnapshots of(Table table) {
    return new ExpireMainSnapshots(table);
  }

  /** Keeps at least the newest {@code snapshots} of {@code main}. */
  public ExpireMainSnapshots retainLast(int snapshots) {
    if (snapshots < 1) {
      throw new IllegalArgumentException("Cannot retain " + snapshots + " snapshots: main keeps at least one");
    }
    retainLast = snapshots;
    return this;
  }

  /** Expires snapshots of {@code main} older than {@code cutoff}, beyond the newest kept; without it, the table's own setting. */
  public ExpireMainSnapshots olderThan(Instant cutoff) {
    olderThan = Optional.of(cutoff);
    return this;
  }

  /** Expires them; returns how many snapshots went. */
  public int commit() {
    table.refresh();
    keepKafkaViewHistory();
    Set<Long> before = snapshotIds();
    ExpireSnapshots expire = table.expireSnapshots().retainLast(retainLast);
    olderThan.ifPresent(cutoff -> expire.expireOlderThan(cutoff.toEpochMilli()));
    expire.commit();
    table.refresh();
    before.removeAll(snapshotIds());
    return before.size();
  }

  /**
   * Gives the Kafka view's branch its own retention, unless it has a longer one: its head and
   * {@link #KAFKA_VIEW_HISTORY} of history, and never removed for its age (a topic that tiers
   * nothing for long keeps its branch whatever {@code history.expire.max-ref-age-ms} says).
   */
  private void keepKafkaViewHistory() {
    SnapshotRef branch = table.refs().get(KafkaViewBranch.NAME);
    if (branch == null) {
      return;
    }
    long history = KAFKA_VIEW_HISTORY.toMillis();
    boolean historyKept = branch.maxSnapshotAgeMs() != null && branch.maxSnapshotAgeMs() >= history;
    boolean headKept = branch.minSnapshotsToKeep() != null;
    boolean branchKept = Objects.equals(branch.maxRefAgeMs(), Long.MAX_VALUE);
    if (historyKept && headKept && branchKept) {
      return;
    }
    table.manageSnapshots()
        .setMaxSnapshotAgeMs(KafkaViewBranch.NAME, historyKept ? branch.maxSnapshotAgeMs() : history)
        .setMinSnapshotsToKeep(KafkaViewBranch.NAME, headKept ? branch.minSnapshotsToKeep() : 1)
        .setMaxRefAgeMs(KafkaViewBranch.NAME, Long.MAX_VALUE)
        .commit();
  }

  private Set<Long> snapshotIds() {
    Set<Long> ids = new HashSet<>();
    for (Snapshot snapshot : table.snapshots()) {
      ids.add(snapshot.snapshotId());
    }
    return ids;
  }
}
