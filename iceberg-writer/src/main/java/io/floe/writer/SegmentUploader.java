package io.floe.writer;

import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.commit.KafkaRetention;
import io.floe.writer.commit.KafkaViewBranch;
import io.floe.writer.data.AttemptFiles;
import io.floe.writer.manifest.ManifestStore;
import io.floe.writer.pending.PendingTransactions;
import io.floe.writer.table.CommitListener;
import io.floe.writer.table.TableResolver;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.FileIO;

/**
 * The Iceberg side of an upload: writes a segment's rows as Parquet data files of its topic's
 * table, writes the segment manifest a fetch reads, and commits the files in one append.
 *
 * <p>Thread-safe, and meant to be one per broker: it keeps each table loaded, and serializes its
 * own commits to a table so that the segments the broker copies at once do not conflict.
 */
public final class SegmentUploader {
  private final String catalogDescription;
  private final FileIO io;
  private final WriterSettings settings;
  private final TableResolver tables;
  private final ManifestStore manifests;

  public SegmentUploader(Catalog catalog, FileIO io, WriterSettings settings) {
    this(catalog, "catalog " + catalog.name(), io, settings);
  }

  /**
   * @param catalogDescription the catalog as failures name it, say with its URI (without credentials)
   */
  public SegmentUploader(Catalog catalog, String catalogDescription, FileIO io, WriterSettings settings) {
    this(catalog, catalogDescription, io, settings, CommitListener.NONE);
  }

  /**
   * @param commits hears of every attempt to commit to a table, uploads' and deletions' alike
   */
  public SegmentUploader(Catalog catalog, String catalogDescription, FileIO io, WriterSettings settings,
      CommitListener commits) {
    this.catalogDescription = catalogDescription;
    this.io = io;
    this.settings = settings;
    this.tables = new TableResolver(catalog, commits);
    this.manifests = new ManifestStore(io, settings.manifestPrefix());
  }

  /**
   * Writes the segment's data files and manifest and commits them; idempotent per segment id: a
   * segment already committed is not appended again, and its manifest is reported as it is.
   *
   * @throws UploadFailedException if the upload failed; nothing it wrote is left behind unless
   *     the outcome of its commit is unknown
   */
  public UploadReport upload(SegmentUpload upload) {
    return upload(upload, TableIdentifier.of(Namespace.of(settings.namespace().split("\\.")),
        TableNames.forTopic(upload.segment().topic())));
  }

  /**
   * As {@link #upload(SegmentUpload)}, into {@code table} instead of the topic's table in the
   * settings' namespace. A table holds one topic: one that holds another topic's rows fails the
   * upload, not retriably.
   */
  public UploadReport upload(SegmentUpload upload, TableIdentifier table) {
    return new UploadAttempt(upload, table, tables, manifests, io, settings, catalogDescription).run();
  }

  /** The tables this uploader has uploaded to or deleted from since it was made, each with the topic it holds. */
  public Map<TableIdentifier, String> tables() {
    return tables.resolved();
  }

  /**
   * The table loaded afresh for maintenance beside the uploads: its commits take the lock this
   * uploader's commits to the table take, and only for the catalog call.
   */
  public Table loadForMaintenance(TableIdentifier table) {
    return tables.loadBeside(table);
  }

  /**
   * Removes a segment Kafka deleted, given its manifest: its files from the Kafka view's branch,
   * its rows from {@code main} if the table follows Kafka's retention, then its manifest, last, so
   * that a failed removal can be retried. The table is the one the manifest names, wherever the
   * topic's table is configured now. Rows it left pending go with it if the table follows Kafka's
   * retention; otherwise their files stay in the branch until their transaction's outcome is
   * tiered, and then join {@code main} or go.
   *
   * @throws RuntimeException as the catalog or the object store raise it; retrying may help
   */
  public void delete(SegmentManifest manifest, TableRetention retention) {
    SegmentRef segment = manifest.segment();
    boolean rowsKept = retention == TableRetention.KEEP;
    tables.resolve(TableIdentifier.parse(manifest.tableName()), segment.topic(), segment.topicId()).withLatest(latest -> {
      PendingTransactions pending = PendingTransactions.of(latest, segment.partition());
      List<String> waiting = rowsKept ? pending.keptFiles(segment.segmentId()) : List.of();
      List<String> files = manifest.files().stream().map(DataFileRef::location)
          .filter(location -> !waiting.contains(location)).toList();
      // A file the segment's Kafka view was re-pointed at may serve other segments too: it leaves
      // the branch when a pass of re-pointing finds no manifest listing it, not with this segment.
      Map<Boolean, List<String>> own = files.stream()
          .collect(Collectors.partitioningBy(location -> AttemptFiles.writtenFor(segment.segmentId(), location)));
      KafkaViewBranch.remove(latest, segment, own.get(true), own.get(false),
          pending.afterDeleting(segment.segmentId(), rowsKept));
      if (!rowsKept) {
        KafkaRetention.remove(latest, segment);
      }
      return null;
    });
    manifests.delete(segment);
  }
}
