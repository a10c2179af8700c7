package io.floe.reader;

import io.floe.translator.manifest.CorruptManifestException;
import io.floe.translator.manifest.ManifestCodec;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.table.KafkaColumns;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SchemaParser;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;

/** Reads a segment manifest from object storage alone (promise 4) and parses it. */
final class ManifestLoader {
  private final FileIO io;

  ManifestLoader(FileIO io) {
    this.io = io;
  }

  /**
   * @throws SegmentNotFoundException if there is no object at the path
   * @throws FetchFailedException if the object cannot be read or is not a manifest this Floe reads
   */
  ReadableManifest load(SegmentRef segment, String path) {
    byte[] bytes = read(segment, path);
    SegmentManifest manifest;
    Schema dataSchema;
    try {
      manifest = ManifestCodec.decode(bytes);
      dataSchema = SchemaParser.fromJson(manifest.dataSchemaJson());
    } catch (CorruptManifestException | IllegalArgumentException e) {
      throw new FetchFailedException(
          String.format("Cannot fetch %s: manifest at %s is corrupt: %s", segment, path, e.getMessage()), e);
    }
    if (dataSchema.findField(KafkaColumns.KAFKA) == null) {
      throw new FetchFailedException(String.format(
          "Cannot fetch %s: manifest at %s is corrupt: its data schema has no %s column", segment, path,
          KafkaColumns.KAFKA));
    }
    return new ReadableManifest(path, manifest, dataSchema.select(KafkaColumns.KAFKA), bytes.length);
  }

  private byte[] read(SegmentRef segment, String path) {
    try (InputStream in = io.newInputFile(path).newStream()) {
      return in.readAllBytes();
    } catch (IOException | RuntimeException e) {
      if (isAbsent(e)) {
        throw new SegmentNotFoundException(
            String.format("Cannot fetch %s: no manifest at %s", segment, path), e);
      }
      throw new FetchFailedException(
          String.format("Cannot fetch %s: cannot read manifest at %s: %s", segment, path, e.getMessage()), e);
    }
  }

  /** Each FileIO says "no such object" its own way, sometimes wrapped in an unchecked exception. */
  private static boolean isAbsent(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof NotFoundException || e instanceof FileNotFoundException || e instanceof NoSuchFileException) {
        return true;
      }
    }
    return false;
  }
}
