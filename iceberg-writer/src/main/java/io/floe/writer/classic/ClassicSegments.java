package io.floe.writer.classic;

import io.floe.translator.manifest.ClassicManifest;
import io.floe.translator.manifest.ClassicObject;
import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.manifest.ManifestStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;

/**
 * Classic segments: a topic that is not a table has each segment stored as the broker's own files,
 * the segment and its indexes copied as they are to objects beside the segment's manifest
 * ({@link ClassicObject}), then the manifest, which says the segment is classic. No catalog, no
 * conversion. Files are streamed, never held whole in memory.
 */
public final class ClassicSegments {
  private final FileIO io;
  private final String prefix;
  private final ManifestStore manifests;

  public ClassicSegments(FileIO io, String prefix) {
    this.io = io;
    this.prefix = prefix;
    this.manifests = new ManifestStore(io, prefix);
  }

  /**
   * Copies the segment's files, then writes its manifest: a segment is there once its manifest
   * is. An attempt overwrites what an earlier one left; a failed attempt deletes what it wrote.
   *
   * @throws UncheckedIOException if a file cannot be read or an object written, naming both
   */
  public ClassicManifest copy(ClassicUpload upload) {
    SegmentRef segment = upload.segment();
    List<ClassicObject> written = new ArrayList<>();
    try {
      long size = Files.size(upload.segmentFile());
      copy(segment, ClassicObject.SEGMENT, upload.segmentFile(), written);
      copy(segment, ClassicObject.OFFSET_INDEX, upload.offsetIndex(), written);
      copy(segment, ClassicObject.TIME_INDEX, upload.timeIndex(), written);
      if (upload.transactionIndex().isPresent()) {
        copy(segment, ClassicObject.TRANSACTION_INDEX, upload.transactionIndex().get(), written);
      }
      copy(segment, ClassicObject.PRODUCER_SNAPSHOT, upload.producerSnapshot(), written);
      write(segment, ClassicObject.LEADER_EPOCH_CHECKPOINT, new ByteArrayInputStream(upload.leaderEpochCheckpoint()),
          "the leader-epoch checkpoint", written);
      ClassicManifest manifest = new ClassicManifest(segment, size, upload.transactionIndex().isPresent());
      manifests.write(manifest);
      return manifest;
    } catch (IOException e) {
      deleteQuietly(segment, written);
      throw new UncheckedIOException("Cannot store " + segment + " as a classic segment: cannot read "
          + upload.segmentFile() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(segment, written);
      throw e;
    }
  }

  /** Deletes the segment's objects, then its manifest, last, so that a failed deletion can be retried. */
  public void delete(ClassicManifest manifest) {
    for (ClassicObject object : ClassicObject.values()) {
      deleteObject(object.location(prefix, manifest.segment()));
    }
    manifests.delete(manifest.segment());
  }

  private void copy(SegmentRef segment, ClassicObject object, Path file, List<ClassicObject> written) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      write(segment, object, in, file.toString(), written);
    }
  }

  private void write(SegmentRef segment, ClassicObject object, InputStream in, String source,
      List<ClassicObject> written) {
    String location = object.location(prefix, segment);
    written.add(object);
    try (OutputStream out = io.newOutputFile(location).createOrOverwrite()) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store " + segment + " as a classic segment: cannot copy " + source
          + " to " + location + ": " + e.getMessage(), e);
    }
  }

  private void deleteQuietly(SegmentRef segment, List<ClassicObject> written) {
    for (ClassicObject object : written) {
      try {
        deleteObject(object.location(prefix, segment));
      } catch (RuntimeException e) {
        // The failure being reported matters more than one left behind.
      }
    }
  }

  private void deleteObject(String location) {
    try {
      io.deleteFile(location);
    } catch (NotFoundException e) {
      // Deleted by an earlier attempt, or never written (a segment without transaction index).
    }
  }
}
