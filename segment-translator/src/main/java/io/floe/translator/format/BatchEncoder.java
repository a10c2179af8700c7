package io.floe.translator.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes a v2 batch from a header and records, computing length, record count and CRC32C, and the
 * batch's {@link ContentChecksum} as its records go by.
 *
 * <p>Records are written with the same sequence of stream writes as Kafka's producer (one call
 * per varint byte, one per key, value and header array), which keeps compressed output identical.
 */
public final class BatchEncoder {
  /** Room for a record's (or a header's) varints and attributes: lengths, deltas, counts. */
  private static final int RECORD_VARINTS = 16;

  private BatchEncoder() {}

  public static EncodedBatch encode(BatchHeader header, List<LogRecord> records) {
    CompressionCodec codec = header.attributes().compression().orElseThrow(() ->
        new IllegalArgumentException("Cannot encode a batch with attributes " + header.attributes().value()));
    BatchBuffer out = new BatchBuffer(BatchHeader.SIZE + uncompressedSize(records));
    out.skip(BatchHeader.SIZE);
    CRC32C content = new CRC32C();
    // Uncompressed records are summed at once from the buffer, compressed ones on their way in.
    try (OutputStream recordStream = codec == CompressionCodec.NONE ? out
        : ContentChecksum.summing(codec.compressing(out), content)) {
      for (LogRecord record : records) {
        writeRecord(record, recordStream);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot compress records with " + codec, e);
    }
    ByteBuffer batch = out.buffer();
    writeHeader(batch, header, records.size());
    if (codec == CompressionCodec.NONE) {
      content.update(batch.duplicate().position(BatchHeader.SIZE));
    }
    return new EncodedBatch(batch, ContentChecksum.withHeader(content, batch));
  }

  private static void writeHeader(ByteBuffer batch, BatchHeader header, int recordCount) {
    batch.putLong(BatchHeader.BASE_OFFSET, header.baseOffset())
        .putInt(BatchHeader.LENGTH, batch.limit() - BatchHeader.LOG_OVERHEAD)
        .putInt(BatchHeader.PARTITION_LEADER_EPOCH, header.partitionLeaderEpoch())
        .put(BatchHeader.MAGIC, header.magic())
        .putShort(BatchHeader.ATTRIBUTES, header.attributes().value())
        .putInt(BatchHeader.LAST_OFFSET_DELTA, header.lastOffsetDelta())
        .putLong(BatchHeader.BASE_TIMESTAMP, header.baseTimestamp())
        .putLong(BatchHeader.MAX_TIMESTAMP, header.maxTimestamp())
        .putLong(BatchHeader.PRODUCER_ID, header.producerId())
        .putShort(BatchHeader.PRODUCER_EPOCH, header.producerEpoch())
        .putInt(BatchHeader.BASE_SEQUENCE, header.baseSequence())
        .putInt(BatchHeader.RECORD_COUNT, recordCount);
    long crc = BatchDecoder.checksum(batch.duplicate().position(BatchHeader.ATTRIBUTES));
    batch.putInt(BatchHeader.CRC, (int) crc);
  }

  private static void writeRecord(LogRecord record, OutputStream out) throws IOException {
    byte[][] headerKeys = new byte[record.headers().size()][];
    int size = 1 + Varint.sizeOfLong(record.timestampDelta()) + Varint.sizeOfInt(record.offsetDelta())
        + sizeOfBytes(record.key()) + sizeOfBytes(record.value()) + Varint.sizeOfInt(headerKeys.length);
    for (int i = 0; i < headerKeys.length; i++) {
      RecordHeader header = record.headers().get(i);
      headerKeys[i] = header.key().getBytes(StandardCharsets.UTF_8);
      size += sizeOfBytes(headerKeys[i]) + sizeOfBytes(header.value());
    }
    Varint.writeInt(size, out);
    out.write(record.attributes());
    Varint.writeLong(record.timestampDelta(), out);
    Varint.writeInt(record.offsetDelta(), out);
    writeBytes(record.key(), out);
    writeBytes(record.value(), out);
    Varint.writeInt(headerKeys.length, out);
    for (int i = 0; i < headerKeys.length; i++) {
      writeBytes(headerKeys[i], out);
      writeBytes(record.headers().get(i).value(), out);
    }
  }

  /**
   * About the bytes the records take uncompressed, so that the buffer need not grow by copies:
   * exact but for their varints, and an upper bound for a compressed batch as a rule.
   */
  private static int uncompressedSize(List<LogRecord> records) {
    int size = 0;
    for (LogRecord record : records) {
      size += RECORD_VARINTS + length(record.key()) + length(record.value());
      for (RecordHeader header : record.headers()) {
        size += RECORD_VARINTS + header.key().length() + length(header.value());
      }
    }
    return size;
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  private static int sizeOfBytes(byte[] bytes) {
    return bytes == null ? Varint.sizeOfInt(-1) : Varint.sizeOfInt(bytes.length) + bytes.length;
  }

  private static void writeBytes(byte[] bytes, OutputStream out) throws IOException {
    if (bytes == null) {
      Varint.writeInt(-1, out);
    } else {
      Varint.writeInt(bytes.length, out);
      out.write(bytes, 0, bytes.length);
    }
  }
}
