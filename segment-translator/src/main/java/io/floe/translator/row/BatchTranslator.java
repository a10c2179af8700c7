package io.floe.translator.row;

import io.floe.translator.format.BatchAttributes;
import io.floe.translator.format.BatchDecoder;
import io.floe.translator.format.BatchHeader;
import io.floe.translator.format.ContentChecksum;
import io.floe.translator.format.DecodedBatch;
import io.floe.translator.format.EncodedBatch;
import io.floe.translator.format.LegacyMessage;
import io.floe.translator.format.LogRecord;
import io.floe.translator.format.MalformedRecordsException;
import io.floe.translator.format.TimestampType;
import io.floe.translator.segment.BatchFrame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns one batch into rows and decides, by rebuilding it, how exactly the rows give it back.
 * Whatever the rows cannot give back exactly is kept raw (promise 2); only a batch that fails its
 * own checksum is an error.
 */
public final class BatchTranslator {
  private static final byte MAGIC_V2 = 2;

  private final int partition;

  public BatchTranslator(int partition) {
    this.partition = partition;
  }

  /**
   * @throws io.floe.translator.format.CorruptBatchException if the batch fails its checksum
   */
  public TranslatedBatch translate(BatchFrame frame) {
    if (frame.magic() != MAGIC_V2) {
      return legacy(frame);
    }
    ByteBuffer bytes = frame.view();
    BatchDecoder.verifyChecksum(bytes);
    BatchHeader header = BatchHeader.read(bytes);
    if (!header.attributes().isRepresentable()) {
      return raw(frame, header, RawReason.UNKNOWN_ATTRIBUTES);
    }
    DecodedBatch decoded;
    try {
      decoded = BatchDecoder.decode(bytes);
    } catch (MalformedRecordsException e) {
      return raw(frame, header, RawReason.MALFORMED_RECORDS);
    }
    if (decoded.records().isEmpty()) {
      return raw(frame, header, RawReason.EMPTY_BATCH);
    }
    List<KafkaRow> rows = rows(decoded, new BatchContext(frame.position(), header, null, OptionalInt.empty()));
    EncodedBatch rebuilt = BatchRebuilder.rebuild(rows);
    RebuildOutcome outcome = RebuildCheck.check(frame, rebuilt.bytes());
    if (outcome instanceof RebuildOutcome.Identical identical) {
      // The rebuilt batch's content checksum is the original's: the check found them the same.
      return new TranslatedBatch(frame.position(), frame.sizeInBytes(), identical.fidelity(), Optional.empty(),
          rebuilt.contentChecksum(), rows);
    }
    return raw(frame, header, RawReason.NOT_REPRODUCIBLE);
  }

  /**
   * The values of the batch's records, decoded without the rebuild {@link #translate} does: one
   * decompression and no compression. They are the values of the rows {@code translate} gives,
   * except that a batch it keeps raw as not reproducible gives its values here.
   *
   * @throws io.floe.translator.format.CorruptBatchException if the batch fails its checksum
   */
  public List<byte[]> values(BatchFrame frame) {
    return records(frame).stream().map(LogRecord::value).toList();
  }

  /**
   * The keys of the batch's records, as {@link #values} gives their values.
   *
   * @throws io.floe.translator.format.CorruptBatchException if the batch fails its checksum
   */
  public List<byte[]> keys(BatchFrame frame) {
    return records(frame).stream().map(LogRecord::key).toList();
  }

  private List<LogRecord> records(BatchFrame frame) {
    if (frame.magic() != MAGIC_V2) {
      return List.of();
    }
    ByteBuffer bytes = frame.view();
    BatchDecoder.verifyChecksum(bytes);
    if (!BatchHeader.read(bytes).attributes().isRepresentable()) {
      return List.of();
    }
    try {
      return BatchDecoder.decode(bytes).records();
    } catch (MalformedRecordsException e) {
      return List.of();
    }
  }

  private List<KafkaRow> rows(DecodedBatch decoded, BatchContext batch) {
    BatchHeader header = decoded.header();
    TimestampType timestampType = header.attributes().timestampType();
    List<KafkaRow> rows = new ArrayList<>(decoded.records().size());
    for (LogRecord record : decoded.records()) {
      // Kafka's rule: with LogAppendTime every record carries the batch's max timestamp.
      long timestamp = timestampType == TimestampType.LOG_APPEND_TIME
          ? header.maxTimestamp()
          : header.baseTimestamp() + record.timestampDelta();
      rows.add(new KafkaRow(partition, header.baseOffset() + record.offsetDelta(), timestamp, timestampType,
          record.key(), record.value(), record.headers(), record.attributes(), record.timestampDelta(), batch));
    }
    return rows;
  }

  private TranslatedBatch legacy(BatchFrame frame) {
    LegacyMessage message = LegacyMessage.read(frame.view());
    BatchHeader header = new BatchHeader(message.offset(), -1, message.magic(),
        new BatchAttributes((short) (message.attributes() & 0xFF)), 0, message.timestamp(), message.timestamp(), -1L, (short) -1, -1);
    return raw(frame, header, RawReason.LEGACY_MAGIC, message.timestampType());
  }

  private TranslatedBatch raw(BatchFrame frame, BatchHeader header, RawReason reason) {
    return raw(frame, header, reason, header.attributes().timestampType());
  }

  private TranslatedBatch raw(BatchFrame frame, BatchHeader header, RawReason reason, TimestampType timestampType) {
    byte[] bytes = new byte[frame.sizeInBytes()];
    frame.view().get(bytes);
    BatchContext batch = new BatchContext(frame.position(), header, bytes, OptionalInt.empty());
    KafkaRow row = new KafkaRow(partition, header.baseOffset(), header.maxTimestamp(), timestampType,
        null, null, List.of(), (byte) 0, 0L, batch);
    return new TranslatedBatch(frame.position(), frame.sizeInBytes(), Fidelity.RAW, Optional.of(reason),
        ContentChecksum.ofRaw(bytes), List.of(row));
  }

}
