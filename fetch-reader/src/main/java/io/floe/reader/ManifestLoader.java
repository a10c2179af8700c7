package io.floe.reader;

import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.manifest.ClassicManifest;
import io.floe.translator.manifest.CorruptManifestException;
import io.floe.translator.manifest.ManifestCodec;
import io.floe.translator.manifest.MissingBucket;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.manifest.StoredManifest;
import io.floe.translator.table.KafkaColumns;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import io.floe.translator.table.TypedValues;
import io.floe.translator.table.WrittenValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
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
  FetchableSegment load(SegmentRef segment, String path) {
    byte[] bytes = read(segment, path);
    StoredManifest stored;
    try {
      stored = ManifestCodec.decodeStored(bytes);
    } catch (CorruptManifestException e) {
      throw corrupt(segment, path, e.getMessage(), e);
    }
    if (stored instanceof ClassicManifest classic) {
      return new ClassicSegment(path, classic, bytes.length);
    }
    return readable(segment, path, (SegmentManifest) stored, bytes.length);
  }

  /**
   * A parsed manifest ready to serve fetches, as read from {@code path}.
   *
   * @throws FetchFailedException if its schemas do not parse or do not fit each other
   */
  static ReadableManifest readable(SegmentRef segment, String path, SegmentManifest manifest, int encodedSize) {
    Schema dataSchema;
    try {
      dataSchema = SchemaParser.fromJson(manifest.dataSchemaJson());
    } catch (RuntimeException e) {
      throw corrupt(segment, path, "its data schema does not parse: " + e.getMessage(), e);
    }
    if (dataSchema.findField(KafkaColumns.KAFKA) == null) {
      throw corrupt(segment, path, "its data schema has no " + KafkaColumns.KAFKA + " column", null);
    }
    checkBatches(segment, path, manifest);
    Schema projection = projection(manifest, dataSchema);
    TypedValues values;
    try {
      // Bound to the projection: the rows a fetch reads have its columns only.
      values = manifest.writerSchemas().isEmpty() ? TypedValues.NONE : new WrittenValues(manifest.writerSchemas(), projection);
    } catch (RuntimeException e) {
      throw corrupt(segment, path, "its writer schemas do not fit its data schema: " + e.getMessage(), e);
    }
    return new ReadableManifest(path, manifest, projection, values, LastReads.of(manifest), encodedSize);
  }

  /**
   * A segment's batches fill it from its start, one after the other, in increasing offsets, each
   * with no more rows than offsets, in rows its data files have: a fetch finds the batches to serve
   * by position and reads as many rows as a batch's runs say, so a manifest that says otherwise
   * would serve other batches or read past a file.
   */
  private static void checkBatches(SegmentRef segment, String path, SegmentManifest manifest) {
    long position = 0;
    long lastOffset = -1;
    for (BatchEntry batch : manifest.batches()) {
      if (batch.position() != position || batch.sizeInBytes() <= 0) {
        throw corrupt(segment, path, String.format("its batch at position %d of %d bytes does not follow the "
            + "batches before it, which end at position %d", batch.position(), batch.sizeInBytes(), position), null);
      }
      if (batch.baseOffset() <= lastOffset || batch.lastOffset() < batch.baseOffset()) {
        throw corrupt(segment, path, String.format("its batch at position %d holds offsets %d-%d, which do not "
            + "follow offset %d", batch.position(), batch.baseOffset(), batch.lastOffset(), lastOffset), null);
      }
      long rows = 0;
      for (BatchEntry.RowRun run : batch.runs()) {
        if (run.file() < 0 || run.file() >= manifest.files().size() || run.firstRow() < 0 || run.rowCount() < 1
            || run.firstRow() + run.rowCount() > manifest.files().get(run.file()).rowCount()) {
          throw corrupt(segment, path, String.format("its batch at position %d has %s, which is not in its data files",
              batch.position(), run), null);
        }
        rows += run.rowCount();
      }
      if (rows < 1 || rows > batch.lastOffset() - batch.baseOffset() + 1) {
        throw corrupt(segment, path, String.format("its batch at position %d has %d rows for offsets %d-%d",
            batch.position(), rows, batch.baseOffset(), batch.lastOffset()), null);
      }
      position += batch.sizeInBytes();
      lastOffset = batch.lastOffset();
    }
  }

  /**
   * The columns a fetch reads: {@code _kafka} but for the key's analyst columns (the key's bytes
   * are in {@code _kafka.key}), and the value columns of the segment's writer schemas.
   */
  private static Schema projection(SegmentManifest manifest, Schema dataSchema) {
    Set<Integer> bound = new HashSet<>();
    manifest.writerSchemas().forEach(entry -> bound.addAll(entry.tableIdsByLocalId().values()));
    List<String> columns = new ArrayList<>();
    for (Types.NestedField column : dataSchema.columns()) {
      if (column.name().equals(KafkaColumns.KAFKA) || bound.contains(column.fieldId())) {
        columns.add(column.name());
      }
    }
    Set<Integer> analystsOnly = new HashSet<>();
    for (String keyColumn : List.of(KafkaColumns.KEY_TEXT, KafkaColumns.KEY_SCHEMA_ID)) {
      Types.NestedField field = dataSchema.findField(KafkaColumns.KAFKA + "." + keyColumn);
      if (field != null) {
        analystsOnly.add(field.fieldId());
      }
    }
    return TypeUtil.selectNot(dataSchema.select(columns), analystsOnly);
  }

  private static FetchFailedException corrupt(SegmentRef segment, String path, String problem, Throwable cause) {
    return new FetchFailedException(
        String.format("Cannot fetch %s: manifest at %s is corrupt: %s", segment, path, problem), cause);
  }

  private byte[] read(SegmentRef segment, String path) {
    try (InputStream in = io.newInputFile(path).newStream()) {
      return in.readAllBytes();
    } catch (IOException | RuntimeException e) {
      if (MissingBucket.isCauseOf(e)) {
        throw new FetchFailedException(
            String.format("Cannot fetch %s: cannot read manifest at %s: its bucket does not exist", segment, path), e);
      }
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
