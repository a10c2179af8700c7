package io.floe.writer.manifest;

import io.floe.translator.manifest.ManifestCodec;
import io.floe.translator.manifest.ManifestPaths;
import io.floe.translator.manifest.MissingBucket;
import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.manifest.StoredManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.SupportsPrefixOperations;

/** Segment manifests in the object store, at {@link ManifestPaths} under a prefix, through a {@code FileIO}. */
public final class ManifestStore {
  private final FileIO io;
  private final String prefix;

  public ManifestStore(FileIO io, String prefix) {
    this.io = io;
    this.prefix = prefix;
  }

  public String location(SegmentRef segment) {
    return ManifestPaths.of(prefix, segment);
  }

  /** Writes the manifest, replacing any left by an earlier attempt. */
  public void write(StoredManifest manifest) {
    byte[] bytes = ManifestCodec.encode(manifest);
    String location = location(manifest.segment());
    try (OutputStream out = io.newOutputFile(location).createOrOverwrite()) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write manifest " + location + ": " + e.getMessage(), e);
    }
  }

  /**
   * The segment's manifest, of either kind, if there is one.
   *
   * @throws io.floe.translator.manifest.CorruptManifestException if it is damaged
   * @throws IllegalStateException if its bucket does not exist: a segment there cannot be told gone
   */
  public Optional<StoredManifest> read(SegmentRef segment) {
    String location = location(segment);
    InputFile file = io.newInputFile(location);
    try (InputStream in = file.newStream()) {
      return Optional.of(ManifestCodec.decodeStored(in.readAllBytes()));
    } catch (NotFoundException e) {
      if (MissingBucket.isCauseOf(e)) {
        throw new IllegalStateException("Cannot read manifest " + location + ": its bucket does not exist", e);
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read manifest " + location + ": " + e.getMessage(), e);
    }
  }

  /**
   * The segments of {@code topic} that have a manifest, their offsets unknown (-1) until it is read.
   *
   * @throws IllegalStateException if the FileIO cannot list objects by prefix
   */
  public List<SegmentRef> segments(String topic) {
    String listed = ManifestPaths.topicPrefix(prefix, topic);
    if (!(io instanceof SupportsPrefixOperations listing)) {
      throw new IllegalStateException("Cannot list the manifests under " + listed + ": FileIO "
          + io.getClass().getName() + " cannot list objects by prefix");
    }
    List<SegmentRef> segments = new ArrayList<>();
    for (FileInfo file : listing.listPrefix(listed)) {
      // The prefix of topic "a" also lists topic "a-b": only the topic's own are kept.
      ManifestPaths.parse(prefix, file.location()).filter(segment -> segment.topic().equals(topic))
          .ifPresent(segments::add);
    }
    return segments;
  }

  /** Deletes the segment's manifest; one already gone is not an error. */
  public void delete(SegmentRef segment) {
    try {
      io.deleteFile(location(segment));
    } catch (NotFoundException e) {
      // Deleted by an earlier attempt.
    }
  }
}
