package io.floe.translator.format;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/** Takes a v2 batch apart into its header and records, decompressing them when needed. */
public final class BatchDecoder {
  private BatchDecoder() {}

  /**
   * Checks the batch's CRC32C, which covers everything from the attributes to the end.
   *
   * @throws CorruptBatchException if the stored and computed checksums differ
   */
  public static void verifyChecksum(ByteBuffer batch) {
    int start = batch.position();
    long stored = Integer.toUnsignedLong(batch.getInt(start + BatchHeader.CRC));
    long computed = checksum(batch.duplicate().position(start + BatchHeader.ATTRIBUTES));
    if (stored != computed) {
      throw new CorruptBatchException("crc", String.format(
          "stored CRC32C 0x%08x does not match computed 0x%08x", stored, computed));
    }
  }

  static long checksum(ByteBuffer fromAttributes) {
    CRC32C crc = new CRC32C();
    crc.update(fromAttributes);
    return crc.getValue();
  }

  /**
   * Decodes the batch at the buffer's position (to its limit), which must have representable
   * attributes.
   *
   * @throws MalformedRecordsException if the records do not follow the v2 record format
   */
  public static DecodedBatch decode(ByteBuffer batch) {
    BatchHeader header = BatchHeader.read(batch);
    int count = BatchHeader.recordCount(batch);
    CompressionCodec codec = header.attributes().compression()
        .orElseThrow(() -> new MalformedRecordsException("unknown compression codec"));
    ByteBuffer section = batch.duplicate().position(batch.position() + BatchHeader.SIZE).slice();
    ByteBuffer records = codec == CompressionCodec.NONE ? section : decompress(codec, section);
    return new DecodedBatch(header, readRecords(records, count));
  }

  private static ByteBuffer decompress(CompressionCodec codec, ByteBuffer compressed) {
    try {
      return codec.decompress(compressed);
    } catch (IOException | RuntimeException e) {
      throw new MalformedRecordsException(
          "records do not decompress with " + codec.name().toLowerCase() + ": " + e.getMessage(), e);
    }
  }

  private static List<LogRecord> readRecords(ByteBuffer in, int count) {
    if (count < 0 || count > in.remaining()) {
      throw new MalformedRecordsException("declared record count " + count + " does not fit "
          + in.remaining() + " bytes of records");
    }
    List<LogRecord> records = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        records.add(readRecord(in));
      }
    } catch (BufferUnderflowException e) {
      throw new MalformedRecordsException("records end before the declared count " + count, e);
    }
    if (in.hasRemaining()) {
      throw new MalformedRecordsException(in.remaining() + " bytes follow the last declared record");
    }
    return records;
  }

  private static LogRecord readRecord(ByteBuffer in) {
    int size = Varint.readInt(in);
    int start = in.position();
    byte attributes = in.get();
    long timestampDelta = Varint.readLong(in);
    int offsetDelta = Varint.readInt(in);
    byte[] key = readBytes(in, "key");
    byte[] value = readBytes(in, "value");
    int headerCount = Varint.readInt(in);
    if (headerCount < 0) {
      throw new MalformedRecordsException("negative header count " + headerCount);
    }
    List<RecordHeader> headers = new ArrayList<>(Math.min(headerCount, in.remaining()));
    for (int i = 0; i < headerCount; i++) {
      byte[] headerKey = readBytes(in, "header key");
      if (headerKey == null) {
        throw new MalformedRecordsException("null header key");
      }
      headers.add(new RecordHeader(new String(headerKey, StandardCharsets.UTF_8), readBytes(in, "header value")));
    }
    if (in.position() - start != size) {
      throw new MalformedRecordsException("record declares " + size + " bytes but holds " + (in.position() - start));
    }
    return new LogRecord(attributes, timestampDelta, offsetDelta, key, value, headers);
  }

  private static byte[] readBytes(ByteBuffer in, String what) {
    int length = Varint.readInt(in);
    if (length == -1) {
      return null;
    }
    if (length < -1 || length > in.remaining()) {
      throw new MalformedRecordsException(what + " length " + length + " does not fit " + in.remaining() + " bytes");
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }
}
