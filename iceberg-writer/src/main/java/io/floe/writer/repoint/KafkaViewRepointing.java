package io.floe.writer.repoint;

import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.ManifestCodec;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.commit.KafkaViewBranch;
import io.floe.writer.manifest.ManifestStore;
import io.floe.writer.table.KafkaTableLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;

/**
 * Makes the Kafka view follow compactions of {@code main} (docs/architecture.md §6, "The Kafka view
 * follows compaction"): each segment whose files a compaction took out of {@code main} is re-pointed
 * at the files that now hold its rows, and the files no manifest lists any more leave the Kafka
 * view's branch once the grace period has passed, so that the table holds its rows once.
 *
 * <pre>{@code
 * RepointingReport report = KafkaViewRepointing.of(table)
 *     .manifestsIn(manifestStore)
 *     .verifiedBy(new ReplayComparison(io)::difference)
 *     .gracePeriod(Duration.ofHours(1))
 *     .commit();
 * }</pre>
 *
 * <p>Each step can be repeated, and a pass stopped anywhere leaves every segment served exactly: a
 * compacted file joins the branch before any manifest lists it, a manifest is rewritten only after
 * the fetch path served the same bytes from it, and a file leaves the branch only when no manifest
 * has listed it for the grace period. One pass at a time per table: the caller serialises them.
 */
public final class KafkaViewRepointing {
  /** Longer than a fetcher keeps a manifest cached (5 minutes) plus a fetch's life. */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofHours(1);
  /** Snapshot summary: what a commit of re-pointing did, {@value #REPOINT} or {@value #RELEASE}. */
  public static final String OPERATION = "floe.operation";
  public static final String REPOINT = "repoint";
  public static final String RELEASE = "release";
  /** Snapshot summary of a re-pointing: the segment whose rows' files joined the branch. */
  public static final String SEGMENT_ID = "floe.repointed-segment-id";
  public static final String PARTITION = "floe.partition";
  public static final String ADDED_FILES = "floe.added-files";
  /** Snapshot summary of a release: how many files left the branch. */
  public static final String RELEASED_FILES = "floe.released-files";

  private final Table table;
  private ManifestStore manifests;
  private ReplayCheck check;
  private String topic;
  private Duration grace = DEFAULT_GRACE_PERIOD;
  private Clock clock = Clock.systemUTC();

  private KafkaViewRepointing(Table table) {
    this.table = table;
  }

  public static KafkaViewRepointing of(Table table) {
    return new KafkaViewRepointing(table);
  }

  /** Where the topic's segment manifests are: they are listed, read and rewritten there. */
  public KafkaViewRepointing manifestsIn(ManifestStore store) {
    this.manifests = store;
    return this;
  }

  /** The check a re-pointed manifest must pass before it replaces the segment's manifest. */
  public KafkaViewRepointing verifiedBy(ReplayCheck replayCheck) {
    this.check = replayCheck;
    return this;
  }

  /** The topic whose segments the table holds; by default the table's {@code floe.topic} property. */
  public KafkaViewRepointing ofTopic(String name) {
    this.topic = name;
    return this;
  }

  /**
   * How long a file stays in the branch after no manifest lists it: longer than any fetcher caches
   * a manifest plus the longest fetch.
   */
  public KafkaViewRepointing gracePeriod(Duration period) {
    if (period.isNegative()) {
      throw new IllegalArgumentException("Cannot wait a grace period of " + period + ": it must not be negative");
    }
    this.grace = period;
    return this;
  }

  public KafkaViewRepointing clock(Clock time) {
    this.clock = time;
    return this;
  }

  /**
   * Re-points every segment whose files were compacted away and that can be, then retires and
   * releases files no manifest lists.
   *
   * @throws IllegalStateException if no manifest store or check was given, or the topic is unknown
   * @throws RuntimeException as the catalog or the object store raise it; running again goes on
   */
  public RepointingReport commit() {
    if (manifests == null || check == null) {
      throw new IllegalStateException("Cannot re-point the Kafka view of table " + table.name()
          + ": it needs a manifest store and a replay check");
    }
    String name = topic != null ? topic : table.properties().get(KafkaTableLayout.TOPIC_PROPERTY);
    if (name == null) {
      throw new IllegalStateException("Cannot re-point the Kafka view of table " + table.name() + ": it has no "
          + KafkaTableLayout.TOPIC_PROPERTY + " property, and no topic was given");
    }
    table.refresh();
    List<SegmentRef> repointed = new ArrayList<>();
    Map<SegmentRef, String> kept = new LinkedHashMap<>();
    ViewFiles views = ViewFiles.of(table);
    if (!views.compactedAway().isEmpty()) {
      SegmentRelocation relocation = new SegmentRelocation(table, table.currentSnapshot().snapshotId(), views);
      Set<String> inBranch = new HashSet<>(views.kafkaView().keySet());
      for (SegmentRef listed : manifests.segments(name)) {
        read(listed).flatMap(relocation::of).ifPresent(outcome -> {
          Optional<String> reason = outcome instanceof Outcome.Relocated relocated
              ? repoint(relocated, inBranch) : Optional.of(((Outcome.Kept) outcome).reason());
          reason.ifPresentOrElse(why -> kept.put(outcome.segment(), why), () -> repointed.add(outcome.segment()));
        });
      }
    }
    Settled settled = settle(name);
    return new RepointingReport(repointed, kept, settled.retired(), settled.released());
  }

  /**
   * Protects the files that now hold the segment's rows in the branch, checks that the re-pointed
   * manifest serves the same bytes, and writes it; the reason if the segment stays as it is.
   */
  private Optional<String> repoint(Outcome.Relocated relocated, Set<String> inBranch) {
    SegmentRef segment = relocated.segment();
    List<DataFile> missing = relocated.targets().stream().filter(file -> !inBranch.contains(file.location())).toList();
    if (!missing.isEmpty()) {
      // Before the manifest lists them: from here on, maintenance on main cannot delete them.
      AppendFiles append = table.newAppend().toBranch(KafkaViewBranch.NAME)
          .set(OPERATION, REPOINT)
          .set(SEGMENT_ID, segment.segmentId())
          .set(PARTITION, Integer.toString(segment.partition()))
          .set(ADDED_FILES, Integer.toString(missing.size()));
      missing.forEach(append::appendFile);
      append.commit();
      missing.forEach(file -> inBranch.add(file.location()));
    }
    String location = manifests.location(segment);
    Optional<String> difference = check.difference(location, relocated.before(), relocated.after());
    if (difference.isPresent()) {
      return Optional.of("re-pointed, it would not serve the same bytes: " + difference.get());
    }
    Optional<SegmentManifest> now = read(segment);
    if (now.isEmpty() || !Arrays.equals(ManifestCodec.encode(now.get()), ManifestCodec.encode(relocated.before()))) {
      return Optional.of("its manifest " + location + " changed or went while it was re-pointed");
    }
    manifests.write(relocated.after());
    return Optional.empty();
  }

  private record Settled(int retired, int released) {}

  /**
   * Retires the files of the branch that {@code main} no longer has and no manifest lists, and
   * releases those retired for the grace period, in one commit. The table is read before the
   * manifests, so that a file listed by a manifest written meanwhile is never taken for unlisted.
   */
  private Settled settle(String name) {
    table.refresh();
    ViewFiles views = ViewFiles.of(table);
    RetiredFiles retired = RetiredFiles.of(table);
    Set<String> unlisted = views.leftToKafkaView(retired.since().keySet());
    if (unlisted.isEmpty() && retired.since().isEmpty()) {
      return new Settled(0, 0);
    }
    for (SegmentRef listed : manifests.segments(name)) {
      read(listed).ifPresent(manifest -> manifest.files().stream().map(DataFileRef::location).forEach(unlisted::remove));
    }
    Instant now = clock.instant();
    RetiredFiles next = retired.next(unlisted, now);
    Set<String> due = next.due(now, grace);
    next = next.without(due);
    if (due.isEmpty() && next.equals(retired)) {
      return new Settled(0, 0);
    }
    Transaction transaction = table.newTransaction();
    if (!due.isEmpty()) {
      DeleteFiles release = transaction.newDelete().toBranch(KafkaViewBranch.NAME)
          .set(OPERATION, RELEASE)
          .set(RELEASED_FILES, Integer.toString(due.size()));
      due.forEach(release::deleteFile);
      release.commit();
    }
    next.write(transaction.updateProperties());
    transaction.commitTransaction();
    Set<String> newlyRetired = new HashSet<>(next.since().keySet());
    newlyRetired.removeAll(retired.since().keySet());
    return new Settled(newlyRetired.size(), due.size());
  }

  /** The segment's manifest if it is an Iceberg segment's and still there. */
  private Optional<SegmentManifest> read(SegmentRef segment) {
    return manifests.read(segment).filter(SegmentManifest.class::isInstance).map(SegmentManifest.class::cast);
  }
}
