package io.floe.translator.table;

import static io.floe.translator.table.KafkaColumns.*;

import io.floe.translator.format.BatchAttributes;
import io.floe.translator.format.BatchHeader;
import io.floe.translator.format.LegacyMessage;
import io.floe.translator.format.RecordHeader;
import io.floe.translator.format.TimestampType;
import io.floe.translator.row.BatchContext;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.row.RawReason;
import io.floe.translator.value.ValueRawReason;
import io.floe.translator.value.ValueVerdict;
import io.floe.translator.value.WriterSchema;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * Rows as Iceberg records and back: the one mapping the writer (rows → Parquet) and the reader
 * (Parquet → rows → batches) share. Fields are found by name, so any schema that contains
 * {@link KafkaColumns#SCHEMA}'s {@code _kafka} column works, whatever its field ids.
 */
public final class RowRecords {
  private final Schema schema;
  private final Types.StructType kafkaType;
  private final Types.StructType headerType;
  private final Types.StructType batchType;

  public RowRecords(Schema schema) {
    this.schema = schema;
    this.kafkaType = schema.findField(KAFKA).type().asStructType();
    this.headerType = kafkaType.field(HEADERS).type().asListType().elementType().asStructType();
    this.batchType = kafkaType.field(BATCH).type().asStructType();
  }

  /**
   * The record of a row, with the raw reason of its batch when the batch is kept raw, and what
   * becomes of its value. The value's own columns are not set here: they are bound to the table's
   * columns by the writer.
   */
  public Record toRecord(KafkaRow row, Optional<RawReason> rawReason, ValueVerdict value) {
    BatchContext context = row.batch();
    BatchHeader header = context.header();
    GenericRecord batch = GenericRecord.create(batchType);
    batch.setField(POSITION, context.position());
    batch.setField(BASE_OFFSET, header.baseOffset());
    batch.setField(LAST_OFFSET_DELTA, header.lastOffsetDelta());
    batch.setField(PARTITION_LEADER_EPOCH, header.partitionLeaderEpoch());
    batch.setField(MAGIC, (int) header.magic());
    batch.setField(ATTRIBUTES, header.attributes().value() & 0xFFFF);
    batch.setField(BASE_TIMESTAMP, header.baseTimestamp());
    batch.setField(MAX_TIMESTAMP, header.maxTimestamp());
    batch.setField(PRODUCER_ID, header.producerId());
    batch.setField(PRODUCER_EPOCH, (int) header.producerEpoch());
    batch.setField(BASE_SEQUENCE, header.baseSequence());
    batch.setField(RECORD_ATTRIBUTES, (int) row.recordAttributes());
    batch.setField(TIMESTAMP_DELTA, row.timestampDelta());
    batch.setField(RAW, context.isRaw() ? ByteBuffer.wrap(context.rawBytes()) : null);
    batch.setField(RAW_REASON, rawReason.map(RawReason::label).orElse(null));

    List<Record> headers = new ArrayList<>(row.headers().size());
    for (RecordHeader h : row.headers()) {
      GenericRecord headerRecord = GenericRecord.create(headerType);
      headerRecord.setField(HEADER_KEY, h.key());
      headerRecord.setField(HEADER_VALUE, h.value() == null ? null : ByteBuffer.wrap(h.value()));
      headers.add(headerRecord);
    }

    GenericRecord kafka = GenericRecord.create(kafkaType);
    kafka.setField(PARTITION, row.partition());
    kafka.setField(OFFSET, row.offset());
    kafka.setField(TIMESTAMP, row.timestampType() == TimestampType.NO_TIMESTAMP_TYPE
        ? null
        : OffsetDateTime.ofInstant(Instant.ofEpochMilli(row.timestamp()), ZoneOffset.UTC));
    kafka.setField(TIMESTAMP_TYPE, row.timestampType().label());
    kafka.setField(KEY, row.key() == null ? null : ByteBuffer.wrap(row.key()));
    kafka.setField(HEADERS, headers);
    kafka.setField(VALUE_RAW, value.keepsBytes() ? ByteBuffer.wrap(row.value()) : null);
    kafka.setField(VALUE_SCHEMA_ID, value.schemaId().isPresent() ? value.schemaId().getAsInt() : null);
    kafka.setField(VALUE_MESSAGE_INDEXES, value.messageIndexes().isEmpty() ? null : value.messageIndexes());
    kafka.setField(VALUE_RAW_REASON, value.rawReason().map(ValueRawReason::label).orElse(null));
    kafka.setField(TOMBSTONE, !row.isRaw() && row.value() == null);
    kafka.setField(BATCH, batch);

    GenericRecord record = GenericRecord.create(schema);
    record.setField(KAFKA, kafka);
    return record;
  }

  /**
   * The row a record holds. A typed value is rebuilt by {@code values} from the record's columns;
   * any other record needs only the {@code _kafka} column.
   */
  public static KafkaRow toRow(Record record, TypedValues values) {
    Record kafka = (Record) record.getField(KAFKA);
    Record batch = (Record) kafka.getField(BATCH);
    BatchHeader header = new BatchHeader(
        (Long) batch.getField(BASE_OFFSET),
        (Integer) batch.getField(PARTITION_LEADER_EPOCH),
        ((Integer) batch.getField(MAGIC)).byteValue(),
        new BatchAttributes(((Integer) batch.getField(ATTRIBUTES)).shortValue()),
        (Integer) batch.getField(LAST_OFFSET_DELTA),
        (Long) batch.getField(BASE_TIMESTAMP),
        (Long) batch.getField(MAX_TIMESTAMP),
        (Long) batch.getField(PRODUCER_ID),
        ((Integer) batch.getField(PRODUCER_EPOCH)).shortValue(),
        (Integer) batch.getField(BASE_SEQUENCE));
    BatchContext context = new BatchContext((Long) batch.getField(POSITION), header, bytes(batch.getField(RAW)));

    @SuppressWarnings("unchecked")
    List<Record> headerRecords = (List<Record>) kafka.getField(HEADERS);
    List<RecordHeader> headers = new ArrayList<>(headerRecords.size());
    for (Record h : headerRecords) {
      headers.add(new RecordHeader((String) h.getField(HEADER_KEY), bytes(h.getField(HEADER_VALUE))));
    }
    OffsetDateTime timestamp = (OffsetDateTime) kafka.getField(TIMESTAMP);
    return new KafkaRow(
        (Integer) kafka.getField(PARTITION),
        (Long) kafka.getField(OFFSET),
        timestamp == null ? LegacyMessage.NO_TIMESTAMP : timestamp.toInstant().toEpochMilli(),
        TimestampType.fromLabel((String) kafka.getField(TIMESTAMP_TYPE)),
        bytes(kafka.getField(KEY)),
        value(record, kafka, values),
        headers,
        ((Integer) batch.getField(RECORD_ATTRIBUTES)).byteValue(),
        (Long) batch.getField(TIMESTAMP_DELTA),
        context);
  }

  /** The value's bytes: kept raw, rebuilt from the typed columns, or none (a tombstone, or a batch kept whole). */
  private static byte[] value(Record record, Record kafka, TypedValues values) {
    byte[] raw = bytes(kafka.getField(VALUE_RAW));
    Integer schemaId = (Integer) kafka.getField(VALUE_SCHEMA_ID);
    if (raw != null || schemaId == null) {
      return raw;
    }
    @SuppressWarnings("unchecked")
    List<Integer> messageIndexes = (List<Integer>) kafka.getField(VALUE_MESSAGE_INDEXES);
    return values.valueOf(new WriterSchema.Key(schemaId, messageIndexes == null ? List.of() : messageIndexes), record);
  }

  /** A binary column's bytes: Parquet hands them back as buffers that may be views, so copy exactly their remaining bytes. */
  public static byte[] bytes(Object value) {
    if (value == null) {
      return null;
    }
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
