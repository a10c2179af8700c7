package io.floe.writer.maintenance;

import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.data.AttemptFiles;
import io.floe.writer.manifest.ManifestStore;
import io.floe.writer.table.KafkaTableLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.iceberg.util.Tasks;

/**
 * Deletes the data and delete files under a table's data location that nothing references
 * ({@link ReferencedFiles}) and that are older than a cut-off: the files of uploads killed before
 * their commit, or of commits that failed without taking them back. The cut-off is what keeps the
 * files of an upload still writing or committing, which nothing references yet: it must be far
 * longer than an upload takes.
 *
 * <p>An upload whose commit had an unknown outcome and did not land also left its segment manifest,
 * which lists those files. Kafka never finished that segment (the copy failed) and copies it again
 * under a new id, so nothing fetches it; with its manifest store given, the manifest of a segment
 * whose files are all among the orphans goes with them, rather than stay behind naming missing files.
 *
 * <pre>{@code
 * OrphanRemoval removal = RemoveOrphanFiles.of(table).olderThan(now.minus(Duration.ofDays(3)))
 *     .manifestsIn(manifests).execute();
 * }</pre>
 *
 * <p>Needs a FileIO that lists ({@link SupportsPrefixOperations}: Floe's local one, S3's and
 * GCS's); with another it does nothing and says why. Idempotent: a run killed or failed half-way
 * left the rest of the orphans, which the next run finds again.
 */
public final class RemoveOrphanFiles {
  /** Files of these formats are data or delete files; anything else under the data location is not this step's. */
  private static final Set<FileFormat> CONTENT_FORMATS =
      Set.of(FileFormat.PARQUET, FileFormat.AVRO, FileFormat.ORC, FileFormat.PUFFIN);
  private static final int DELETE_RETRIES = 2;

  private final Table table;
  private Instant olderThan = Instant.EPOCH;
  private Optional<ManifestStore> manifests = Optional.empty();

  private RemoveOrphanFiles(Table table) {
    this.table = table;
  }

  public static RemoveOrphanFiles of(Table table) {
    return new RemoveOrphanFiles(table);
  }

  /** Only files written before {@code cutoff} are removed; without it, none. */
  public RemoveOrphanFiles olderThan(Instant cutoff) {
    olderThan = cutoff;
    return this;
  }

  /** Where the table's segment manifests are: a manifest all of whose files are orphans is removed with them. */
  public RemoveOrphanFiles manifestsIn(ManifestStore store) {
    manifests = Optional.of(store);
    return this;
  }

  /**
   * Finds and deletes them.
   *
   * @throws OrphanFilesLeftException if some could not be deleted
   */
  public OrphanRemoval execute() {
    if (!(table.io() instanceof SupportsPrefixOperations listing)) {
      return OrphanRemoval.skipped("the FileIO " + table.io().getClass().getName() + " of table " + table.name()
          + " cannot list files by prefix");
    }
    table.refresh();
    if (!PropertyUtil.propertyAsBoolean(table.properties(), TableProperties.GC_ENABLED,
        TableProperties.GC_ENABLED_DEFAULT)) {
      // As Iceberg's own removal: the table's files may be another table's too.
      return OrphanRemoval.skipped("table " + table.name() + " has " + TableProperties.GC_ENABLED + "=false");
    }
    String dataLocation = ReferencedFiles.dataLocation(table);
    List<String> old = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (FileInfo file : listing.listPrefix(dataLocation)) {
      listed.add(ReferencedFiles.canonical(file.location()));
      if (file.createdAtMillis() < olderThan.toEpochMilli() && isContent(file.location())) {
        old.add(file.location());
      }
    }
    // Read after listing: a file referenced when it was listed is referenced still, or was let go since.
    table.refresh();
    ReferencedFiles referenced = ReferencedFiles.of(table);
    List<String> orphans = old.stream().filter(location -> !referenced.contains(location)).toList();
    List<SegmentRef> dangling = manifests.map(store -> danglingManifests(store, orphans, referenced, listed))
        .orElse(List.of());
    OrphanRemoval removal = delete(listing, orphans);
    // after their files: a removal that fails half-way leaves the manifest, which the next run finds again
    List<String> manifestsRemoved = new ArrayList<>();
    manifests.ifPresent(store -> dangling.forEach(segment -> {
      store.delete(segment);
      manifestsRemoved.add(store.location(segment));
    }));
    return removal.withManifests(manifestsRemoved);
  }

  /**
   * The segments of the orphans' uploads whose manifests list no referenced file and only files
   * that are orphans or gone (a removal that failed half-way took some).
   */
  private List<SegmentRef> danglingManifests(ManifestStore store, List<String> orphans, ReferencedFiles referenced,
      Set<String> listed) {
    Set<String> segmentIds = orphans.stream().map(AttemptFiles::segmentOf).flatMap(Optional::stream)
        .collect(Collectors.toSet());
    String topic = table.properties().get(KafkaTableLayout.TOPIC_PROPERTY);
    if (segmentIds.isEmpty() || topic == null) {
      return List.of();
    }
    Set<String> removable = orphans.stream().map(ReferencedFiles::canonical).collect(Collectors.toSet());
    List<SegmentRef> dangling = new ArrayList<>();
    for (SegmentRef segment : store.segments(topic)) {
      if (segmentIds.contains(segment.segmentId())) {
        store.read(segment).filter(SegmentManifest.class::isInstance).map(SegmentManifest.class::cast)
            .filter(manifest -> manifest.files().stream().map(file -> ReferencedFiles.canonical(file.location()))
                .allMatch(file -> !referenced.contains(file) && (removable.contains(file) || !listed.contains(file))))
            .ifPresent(manifest -> dangling.add(segment));
      }
    }
    return dangling;
  }

  private OrphanRemoval delete(SupportsPrefixOperations io, List<String> orphans) {
    List<String> removed = Collections.synchronizedList(new ArrayList<>());
    Map<String, Exception> failed = Collections.synchronizedMap(new LinkedHashMap<>());
    Tasks.foreach(orphans)
        .retry(DELETE_RETRIES)
        .exponentialBackoff(100, 1_000, 5_000, 2.0)
        .suppressFailureWhenFinished()
        .onFailure(failed::put)
        .run(location -> {
          io.deleteFile(location);
          removed.add(location);
        });
    if (!failed.isEmpty()) {
      Map.Entry<String, Exception> first = failed.entrySet().iterator().next();
      throw new OrphanFilesLeftException(String.format("Cannot remove %d of %d orphan files of table %s: %s: %s",
          failed.size(), orphans.size(), table.name(), first.getKey(), first.getValue().getMessage()), removed,
          first.getValue());
    }
    return new OrphanRemoval(removed, List.of(), Optional.empty());
  }

  private static boolean isContent(String location) {
    FileFormat format = FileFormat.fromFileName(location);
    return format != null && CONTENT_FORMATS.contains(format);
  }
}
