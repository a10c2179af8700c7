package io.floe.writer.repoint;

import io.floe.translator.manifest.ManifestCodec;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.commit.KafkaViewBranch;
import io.floe.writer.commit.ManifestWork;
import io.floe.writer.commit.RetiredFiles;
import io.floe.writer.manifest.ManifestStore;
import io.floe.writer.table.KafkaTableLayout;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;

/**
 * Makes the Kafka view follow compactions of {@code main} (docs/architecture.md §6, "The Kafka view
 * follows compaction"): each segment whose files a compaction took out of {@code main} is re-pointed
 * at the files that now hold its rows; the small files only the Kafka view holds are copied among
 * themselves ({@link KafkaOnlyCompaction}) and their segments re-pointed at the copies; and the files
 * no manifest lists any more leave the Kafka view's branch once the grace period has passed
 * ({@link BranchRelease}), so that the table holds its rows once, in few files.
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
  /** About 20 MiB held for a segment's relocation, whatever its size. */
  public static final int DEFAULT_OFFSETS_AT_ONCE = 1 << 20;
  /** Snapshot summary: what a commit of re-pointing did, {@value #REPOINT}, {@value #COPY} or {@value #RELEASE}. */
  public static final String OPERATION = "floe.operation";
  public static final String REPOINT = "repoint";
  public static final String RELEASE = "release";
  public static final String COPY = "copy";
  /** Snapshot summary of a re-pointing: the segment whose rows' files joined the branch. */
  public static final String SEGMENT_ID = "floe.repointed-segment-id";
  public static final String PARTITION = "floe.partition";
  public static final String ADDED_FILES = "floe.added-files";
  /** Snapshot summary of a copy: how many files only the Kafka view holds it copied. */
  public static final String COPIED_FILES = "floe.copied-files";
  /** Snapshot summary of a release: how many files left the branch. */
  public static final String RELEASED_FILES = "floe.released-files";

  private final Table table;
  private ManifestStore manifests;
  private ReplayCheck check;
  private String topic;
  private Duration grace = DEFAULT_GRACE_PERIOD;
  private Clock clock = Clock.systemUTC();
  private int offsetsAtOnce = DEFAULT_OFFSETS_AT_ONCE;

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

  /**
   * How many offsets of a segment are relocated at once, at most (a batch with more is relocated
   * alone): a pass holds about 20 bytes for each.
   */
  public KafkaViewRepointing offsetsAtOnce(int offsets) {
    if (offsets < 1) {
      throw new IllegalArgumentException("Cannot relocate " + offsets + " offsets at once: it must be one at least");
    }
    this.offsetsAtOnce = offsets;
    return this;
  }

  public KafkaViewRepointing clock(Clock time) {
    this.clock = time;
    return this;
  }

  /**
   * Re-points every segment whose files were compacted away and that can be, copies the small
   * files only the Kafka view holds into larger ones and re-points their segments, then retires
   * and releases files no manifest lists.
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
    ViewFiles views = ViewFiles.of(table);
    TopicManifests listed = TopicManifests.list(table, manifests, name);
    Outcomes outcomes = new Outcomes();
    SegmentRelocation relocation = new SegmentRelocation(table, views, offsetsAtOnce);
    Set<String> away = views.compactedAway();
    if (!away.isEmpty()) {
      long main = table.currentSnapshot().snapshotId();
      Set<String> inBranch = new HashSet<>(views.kafkaView().keySet());
      for (SegmentRef segment : listed.listing(away)) {
        listed.read(segment).flatMap(manifest -> relocation.compacted(manifest, main))
            .ifPresent(outcome -> outcomes.add(outcome, repointed(outcome, listed, inBranch)));
      }
    }
    Map<String, DataFile> branch = new HashMap<>(views.kafkaView());
    RewrittenFiles rewritten = copyKafkaOnlyFiles(views, listed, branch);
    if (!rewritten.into().isEmpty()) {
      // A copy retired by a deletion may be on its way out of the branch: no segment moves to it.
      branch.keySet().removeAll(RetiredFiles.of(table).since().keySet());
      for (SegmentRef segment : listed.listing(rewritten.into().keySet())) {
        listed.read(segment).flatMap(manifest -> relocation.copied(manifest, rewritten, branch))
            .ifPresent(outcome -> outcomes.add(outcome, repointed(outcome, listed, new HashSet<>(branch.keySet()))));
      }
    }
    BranchRelease.Released released = BranchRelease.run(table, manifests, name, clock.instant(), grace);
    return new RepointingReport(outcomes.repointed, outcomes.kept, released.retired(), released.released());
  }

  /**
   * Copies each group of small files only the Kafka view holds into one file, which joins the
   * branch in the commit that records where their rows went; the files copied so far, with those
   * of an earlier pass that stopped before re-pointing their segments.
   */
  private RewrittenFiles copyKafkaOnlyFiles(ViewFiles views, TopicManifests listed, Map<String, DataFile> branch) {
    RewrittenFiles rewritten = RewrittenFiles.of(table);
    Set<String> taken = new HashSet<>(rewritten.into().keySet());
    taken.addAll(RetiredFiles.of(table).since().keySet());
    for (KafkaOnlyCompaction.Group group : KafkaOnlyCompaction.groups(table, views, taken, listed)) {
      KafkaOnlyCompaction.Copy copy = KafkaOnlyCompaction.write(table, group);
      rewritten = rewritten.with(copy.placements());
      Transaction transaction = table.newTransaction();
      ManifestWork.inCallerThread(transaction.newAppend()).toBranch(KafkaViewBranch.NAME)
          .set(OPERATION, COPY)
          .set(COPIED_FILES, Integer.toString(group.files().size()))
          .appendFile(copy.file())
          .commit();
      rewritten.write(transaction.updateProperties());
      transaction.commitTransaction();
      branch.put(copy.file().location(), copy.file());
    }
    return rewritten;
  }

  /** What a pass made of each segment: re-pointed (by one step or both), or kept and why. */
  private static final class Outcomes {
    private final List<SegmentRef> repointed = new ArrayList<>();
    private final Map<SegmentRef, String> kept = new LinkedHashMap<>();

    void add(Outcome outcome, Optional<String> keptBecause) {
      keptBecause.ifPresentOrElse(why -> kept.put(outcome.segment(), why), () -> {
        kept.remove(outcome.segment());
        if (!repointed.contains(outcome.segment())) {
          repointed.add(outcome.segment());
        }
      });
    }
  }

  /** Re-points a relocated segment; why the segment stays as it is, if it does. */
  private Optional<String> repointed(Outcome outcome, TopicManifests listed, Set<String> inBranch) {
    return outcome instanceof Outcome.Relocated relocated
        ? repoint(relocated, listed, inBranch) : Optional.of(((Outcome.Kept) outcome).reason());
  }

  /**
   * Protects the files that now hold the segment's rows in the branch, checks that the re-pointed
   * manifest serves the same bytes, and writes it; the reason if the segment stays as it is.
   */
  private Optional<String> repoint(Outcome.Relocated relocated, TopicManifests listed, Set<String> inBranch) {
    SegmentRef segment = relocated.segment();
    List<DataFile> missing = relocated.targets().stream().filter(file -> !inBranch.contains(file.location())).toList();
    if (!missing.isEmpty()) {
      // Before the manifest lists them: from here on, maintenance on main cannot delete them.
      AppendFiles append = ManifestWork.inCallerThread(table.newAppend()).toBranch(KafkaViewBranch.NAME)
          .set(OPERATION, REPOINT)
          .set(SEGMENT_ID, segment.segmentId())
          .set(PARTITION, Integer.toString(segment.partition()))
          .set(ADDED_FILES, Integer.toString(missing.size()));
      missing.forEach(append::appendFile);
      append.commit();
      missing.forEach(file -> inBranch.add(file.location()));
    }
    String location = listed.location(segment);
    Optional<String> difference = check.difference(location, relocated.before(), relocated.after());
    if (difference.isPresent()) {
      return Optional.of("re-pointed, it would not serve the same bytes: " + difference.get());
    }
    Optional<SegmentManifest> now = listed.read(segment);
    if (now.isEmpty() || !Arrays.equals(ManifestCodec.encode(now.get()), ManifestCodec.encode(relocated.before()))) {
      return Optional.of("its manifest " + location + " changed or went while it was re-pointed");
    }
    listed.write(relocated.after());
    return Optional.empty();
  }
}
