package io.floe.writer;

import io.floe.translator.manifest.SegmentManifest;
import io.floe.writer.manifest.ManifestStore;
import io.floe.writer.table.TableResolver;
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
  private final Catalog catalog;
  private final FileIO io;
  private final WriterSettings settings;
  private final Namespace namespace;
  private final TableResolver tables;
  private final ManifestStore manifests;

  public SegmentUploader(Catalog catalog, FileIO io, WriterSettings settings) {
    this.catalog = catalog;
    this.io = io;
    this.settings = settings;
    this.namespace = Namespace.of(settings.namespace().split("\\."));
    this.tables = new TableResolver(catalog);
    this.manifests = new ManifestStore(io, settings.manifestPrefix());
  }

  /**
   * Writes the segment's data files and manifest and commits them; idempotent per segment id: a
   * segment already committed is not appended again, and its manifest is returned as it is.
   *
   * @throws UploadFailedException if the upload failed; nothing it wrote is left behind unless
   *     the outcome of its commit is unknown
   */
  public SegmentManifest upload(SegmentUpload upload) {
    TableIdentifier identifier = TableIdentifier.of(namespace, TableNames.forTopic(upload.segment().topic()));
    return new UploadAttempt(upload, identifier, tables, manifests, io, settings, catalog.name()).run();
  }
}
