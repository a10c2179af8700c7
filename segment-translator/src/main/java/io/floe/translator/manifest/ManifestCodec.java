package io.floe.translator.manifest;

import io.floe.translator.row.Fidelity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The binary form of a {@link StoredManifest}: a magic number and format version, the fields in
 * a fixed order (big-endian, strings as UTF-8 with a length), and a CRC32C of everything before it,
 * so that a damaged manifest is refused instead of serving wrong bytes.
 *
 * <p>Each format version is one layout, and the version says the segment's kind: version 2 is an
 * Iceberg segment's ({@link SegmentManifest}), as every manifest before classic segments was,
 * version 3 a classic segment's ({@link ClassicManifest}). Iceberg segments are still written as
 * version 2, so that a Floe from before classic segments reads them after a downgrade.
 */
public final class ManifestCodec {
  private static final int MAGIC = 0x464C4F45; // "FLOE"
  private static final short VERSION = 2;
  private static final short CLASSIC_VERSION = 3;
  private static final Fidelity[] FIDELITY_CODES = {Fidelity.BYTE_IDENTICAL, Fidelity.RECORD_IDENTICAL, Fidelity.RAW};
  private static final StoredSchema.Format[] SCHEMA_FORMAT_CODES =
      {StoredSchema.Format.AVRO, StoredSchema.Format.PROTOBUF, StoredSchema.Format.JSON};

  private ManifestCodec() {}

  public static byte[] encode(StoredManifest manifest) {
    return manifest instanceof ClassicManifest classic ? encodeClassic(classic)
        : encodeIceberg((SegmentManifest) manifest);
  }

  private static byte[] encodeClassic(ClassicManifest manifest) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeShort(CLASSIC_VERSION);
      writeSegment(out, manifest.segment());
      out.writeLong(manifest.sizeInBytes());
      out.writeBoolean(manifest.hasTransactionIndex());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return withCrc(bytes);
  }

  private static byte[] encodeIceberg(SegmentManifest manifest) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeShort(VERSION);
      writeSegment(out, manifest.segment());
      writeString(out, manifest.tableName());
      writeString(out, manifest.dataSchemaJson());
      out.writeInt(manifest.writerSchemas().size());
      for (WriterSchemaEntry entry : manifest.writerSchemas()) {
        writeSchema(out, entry.schema());
        writeInts(out, entry.messageIndexes());
        out.writeInt(entry.tableIdsByLocalId().size());
        for (Map.Entry<Integer, Integer> ids : entry.sortedIds().entrySet()) {
          out.writeInt(ids.getKey());
          out.writeInt(ids.getValue());
        }
      }
      out.writeInt(manifest.files().size());
      for (DataFileRef file : manifest.files()) {
        writeString(out, file.location());
        out.writeLong(file.sizeInBytes());
        out.writeLong(file.rowCount());
        out.writeInt(file.rowGroups().size());
        for (DataFileRef.RowGroup group : file.rowGroups()) {
          out.writeLong(group.startingPosition());
          out.writeLong(group.firstRow());
          out.writeLong(group.rowCount());
        }
      }
      out.writeInt(manifest.batches().size());
      for (BatchEntry batch : manifest.batches()) {
        out.writeLong(batch.position());
        out.writeInt(batch.sizeInBytes());
        out.writeLong(batch.baseOffset());
        out.writeLong(batch.lastOffset());
        out.writeByte(code(batch.fidelity()));
        out.writeInt(batch.runs().size());
        for (BatchEntry.RowRun run : batch.runs()) {
          out.writeInt(run.file());
          out.writeLong(run.firstRow());
          out.writeInt(run.rowCount());
        }
      }
      KafkaIndexes indexes = manifest.indexes();
      writeBytes(out, indexes.offsetIndex());
      writeBytes(out, indexes.timeIndex());
      out.writeBoolean(indexes.transactionIndex().isPresent());
      if (indexes.transactionIndex().isPresent()) {
        writeBytes(out, indexes.transactionIndex().get());
      }
      writeBytes(out, indexes.producerSnapshot());
      writeBytes(out, indexes.leaderEpoch());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return withCrc(bytes);
  }

  private static byte[] withCrc(ByteArrayOutputStream bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes.toByteArray());
    return ByteBuffer.allocate(bytes.size() + 4).put(bytes.toByteArray()).putInt((int) crc.getValue()).array();
  }

  private static void writeSegment(DataOutputStream out, SegmentRef segment) throws IOException {
    writeString(out, segment.topic());
    writeString(out, segment.topicId());
    out.writeInt(segment.partition());
    writeString(out, segment.segmentId());
    out.writeLong(segment.startOffset());
    out.writeLong(segment.endOffset());
  }

  private static SegmentRef readSegment(DataInputStream in) throws IOException {
    return new SegmentRef(readString(in), readString(in), in.readInt(), readString(in), in.readLong(), in.readLong());
  }

  /**
   * An Iceberg segment's manifest.
   *
   * @throws CorruptManifestException if the bytes are not a whole manifest of an Iceberg segment
   */
  public static SegmentManifest decode(byte[] bytes) {
    if (decodeStored(bytes) instanceof SegmentManifest manifest) {
      return manifest;
    }
    throw new CorruptManifestException("the manifest is a classic segment's, not an Iceberg segment's");
  }

  /**
   * A manifest of either kind, as its format version says.
   *
   * @throws CorruptManifestException if the bytes are not a whole manifest of a known version
   */
  public static StoredManifest decodeStored(byte[] bytes) {
    if (bytes.length < 10) {
      throw new CorruptManifestException("manifest of " + bytes.length + " bytes is too short");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
    if (stored != (int) crc.getValue()) {
      throw new CorruptManifestException(String.format(
          "manifest checksum 0x%08x does not match its contents (0x%08x)", stored, (int) crc.getValue()));
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 4))) {
      if (in.readInt() != MAGIC) {
        throw new CorruptManifestException("not a Floe segment manifest (wrong magic number)");
      }
      short version = in.readShort();
      if (version != VERSION && version != CLASSIC_VERSION) {
        throw new CorruptManifestException("manifest format version " + version + " is neither " + VERSION
            + " nor " + CLASSIC_VERSION + ", the versions this Floe reads");
      }
      SegmentRef segment = readSegment(in);
      if (version == CLASSIC_VERSION) {
        ClassicManifest classic = new ClassicManifest(segment, in.readLong(), in.readBoolean());
        endsHere(in);
        return classic;
      }
      String tableName = readString(in);
      String dataSchema = readString(in);
      int writerCount = count(in, 8);
      List<WriterSchemaEntry> writers = new ArrayList<>(writerCount);
      for (int i = 0; i < writerCount; i++) {
        StoredSchema schema = readSchema(in);
        List<Integer> messageIndexes = readInts(in);
        int idCount = count(in, 8);
        Map<Integer, Integer> ids = new HashMap<>(idCount * 2);
        for (int k = 0; k < idCount; k++) {
          ids.put(in.readInt(), in.readInt());
        }
        writers.add(new WriterSchemaEntry(schema, messageIndexes, ids));
      }
      int fileCount = count(in, 24);
      List<DataFileRef> files = new ArrayList<>(fileCount);
      for (int i = 0; i < fileCount; i++) {
        String location = readString(in);
        long size = in.readLong();
        long rows = in.readLong();
        int groupCount = count(in, 24);
        List<DataFileRef.RowGroup> groups = new ArrayList<>(groupCount);
        for (int g = 0; g < groupCount; g++) {
          groups.add(new DataFileRef.RowGroup(in.readLong(), in.readLong(), in.readLong()));
        }
        files.add(new DataFileRef(location, size, rows, groups));
      }
      int batchCount = count(in, 33);
      List<BatchEntry> batches = new ArrayList<>(batchCount);
      for (int i = 0; i < batchCount; i++) {
        long position = in.readLong();
        int size = in.readInt();
        long baseOffset = in.readLong();
        long lastOffset = in.readLong();
        Fidelity fidelity = fidelity(in.readByte());
        int runCount = count(in, 16);
        List<BatchEntry.RowRun> runs = new ArrayList<>(runCount);
        for (int r = 0; r < runCount; r++) {
          runs.add(new BatchEntry.RowRun(in.readInt(), in.readLong(), in.readInt()));
        }
        batches.add(new BatchEntry(position, size, baseOffset, lastOffset, fidelity, runs));
      }
      byte[] offsetIndex = readBytes(in);
      byte[] timeIndex = readBytes(in);
      Optional<byte[]> transactionIndex = in.readBoolean() ? Optional.of(readBytes(in)) : Optional.empty();
      KafkaIndexes indexes = new KafkaIndexes(offsetIndex, timeIndex, transactionIndex, readBytes(in), readBytes(in));
      endsHere(in);
      return new SegmentManifest(segment, tableName, dataSchema, writers, files, batches, indexes);
    } catch (EOFException e) {
      throw new CorruptManifestException("manifest ends before its last field", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void endsHere(DataInputStream in) throws IOException {
    if (in.available() > 0) {
      throw new CorruptManifestException(in.available() + " unexpected bytes after the manifest's last field");
    }
  }

  /** A writer schema with every schema it refers to, depth first. */
  private static void writeSchema(DataOutputStream out, StoredSchema schema) throws IOException {
    out.writeInt(schema.id());
    out.writeByte(List.of(SCHEMA_FORMAT_CODES).indexOf(schema.format()));
    writeString(out, schema.text());
    out.writeBoolean(schema.fileDescriptorProto().isPresent());
    if (schema.fileDescriptorProto().isPresent()) {
      writeBytes(out, schema.fileDescriptorProto().get());
    }
    out.writeInt(schema.references().size());
    for (StoredSchema.Reference reference : schema.references()) {
      writeString(out, reference.name());
      writeString(out, reference.subject());
      out.writeInt(reference.version());
      writeSchema(out, reference.schema());
    }
  }

  private static StoredSchema readSchema(DataInputStream in) throws IOException {
    int id = in.readInt();
    int formatCode = in.readByte();
    if (formatCode < 0 || formatCode >= SCHEMA_FORMAT_CODES.length) {
      throw new CorruptManifestException("unknown schema format code " + formatCode + " of writer schema " + id);
    }
    StoredSchema.Format format = SCHEMA_FORMAT_CODES[formatCode];
    String text = readString(in);
    Optional<byte[]> descriptor = in.readBoolean() ? Optional.of(readBytes(in)) : Optional.empty();
    int referenceCount = count(in, 16);
    List<StoredSchema.Reference> references = new ArrayList<>(referenceCount);
    for (int i = 0; i < referenceCount; i++) {
      references.add(new StoredSchema.Reference(readString(in), readString(in), in.readInt(), readSchema(in)));
    }
    try {
      return new StoredSchema(id, format, text, descriptor, references);
    } catch (IllegalArgumentException e) {
      throw new CorruptManifestException("writer schema " + id + " is inconsistent: " + e.getMessage(), e);
    }
  }

  private static void writeInts(DataOutputStream out, List<Integer> values) throws IOException {
    out.writeInt(values.size());
    for (int value : values) {
      out.writeInt(value);
    }
  }

  private static List<Integer> readInts(DataInputStream in) throws IOException {
    int size = count(in, 4);
    List<Integer> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      values.add(in.readInt());
    }
    return values;
  }

  /** A count of entries of at least {@code minBytes} bytes each, checked against the bytes left. */
  private static int count(DataInputStream in, int minBytes) throws IOException {
    int count = in.readInt();
    if (count < 0 || (long) count * minBytes > in.available()) {
      throw new CorruptManifestException("count " + count + " exceeds the " + in.available() + " bytes left");
    }
    return count;
  }

  private static int code(Fidelity fidelity) {
    for (int i = 0; i < FIDELITY_CODES.length; i++) {
      if (FIDELITY_CODES[i] == fidelity) {
        return i;
      }
    }
    throw new IllegalArgumentException("No code for " + fidelity);
  }

  private static Fidelity fidelity(int code) {
    if (code < 0 || code >= FIDELITY_CODES.length) {
      throw new CorruptManifestException("unknown batch fidelity code " + code);
    }
    return FIDELITY_CODES[code];
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String readString(DataInputStream in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
    out.writeInt(value.length);
    out.write(value);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new CorruptManifestException("field length " + length + " exceeds the " + in.available() + " bytes left");
    }
    return in.readNBytes(length);
  }
}
