package io.floe.translator.table;

import static io.floe.translator.table.KafkaColumns.*;

import io.floe.translator.format.BatchAttributes;
import io.floe.translator.format.BatchHeader;
import io.floe.translator.format.LegacyMessage;
import io.floe.translator.format.RecordHeader;
import io.floe.translator.format.TimestampType;
import io.floe.translator.key.KeyVerdict;
import io.floe.translator.row.BatchContext;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.row.RawReason;
import io.floe.translator.row.TranslatedBatch;
import io.floe.translator.value.ValueRawReason;
import io.floe.translator.value.ValueVerdict;
import io.floe.translator.value.WriterSchema;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * Rows as Iceberg records and back: the one mapping the writer (rows → Parquet) and the reader
 * (Parquet → rows → batches) share, for one schema: the table's when writing, a fetch's projection
 * when reading. Fields are found by name once, so any schema that contains
 * {@link KafkaColumns#SCHEMA}'s {@code _kafka} column works, whatever its field ids and order.
 */
public final class RowRecords {
  /**
   * Empty records to copy: {@link GenericRecord#create} looks its struct up in a shared cache on
   * every call, a copy of an empty record does not.
   */
  private final GenericRecord emptyRow;
  private final GenericRecord emptyKafka;
  private final GenericRecord emptyBatch;
  private final GenericRecord emptyHeader;
  private final KafkaPositions kafka;
  private final BatchPositions batch;
  private final HeaderPositions header;

  public RowRecords(Schema schema) {
    Types.StructType kafkaType = schema.findField(KAFKA).type().asStructType();
    Types.StructType headerType = kafkaType.field(HEADERS).type().asListType().elementType().asStructType();
    Types.StructType batchType = kafkaType.field(BATCH).type().asStructType();
    this.emptyRow = GenericRecord.create(schema);
    this.emptyKafka = GenericRecord.create(kafkaType);
    this.emptyBatch = GenericRecord.create(batchType);
    this.emptyHeader = GenericRecord.create(headerType);
    this.kafka = new KafkaPositions(schema.asStruct(), kafkaType);
    this.batch = new BatchPositions(batchType);
    this.header = new HeaderPositions(headerType);
  }

  /**
   * The record of a row of a translated batch, with the batch's raw reason when it is kept raw and
   * its content checksum, and what becomes of its value. The value's own columns are not set here: they are bound to the table's
   * columns by the writer. Fields are set by positions found once, not by name per row.
   */
  public Record toRecord(KafkaRow row, TranslatedBatch translated, ValueVerdict value) {
    BatchContext context = row.batch();
    BatchHeader batchHeader = context.header();
    GenericRecord batchRecord = emptyBatch.copy();
    batchRecord.set(batch.position, context.position());
    batchRecord.set(batch.baseOffset, batchHeader.baseOffset());
    batchRecord.set(batch.lastOffsetDelta, batchHeader.lastOffsetDelta());
    batchRecord.set(batch.partitionLeaderEpoch, batchHeader.partitionLeaderEpoch());
    batchRecord.set(batch.magic, (int) batchHeader.magic());
    batchRecord.set(batch.attributes, batchHeader.attributes().value() & 0xFFFF);
    batchRecord.set(batch.baseTimestamp, batchHeader.baseTimestamp());
    batchRecord.set(batch.maxTimestamp, batchHeader.maxTimestamp());
    batchRecord.set(batch.producerId, batchHeader.producerId());
    batchRecord.set(batch.producerEpoch, (int) batchHeader.producerEpoch());
    batchRecord.set(batch.baseSequence, batchHeader.baseSequence());
    batchRecord.set(batch.recordAttributes, (int) row.recordAttributes());
    batchRecord.set(batch.timestampDelta, row.timestampDelta());
    batchRecord.set(batch.raw, context.isRaw() ? ByteBuffer.wrap(context.rawBytes()) : null);
    batchRecord.set(batch.rawReason, translated.rawReason().map(RawReason::label).orElse(null));
    if (batch.checksum >= 0) {
      batchRecord.set(batch.checksum, translated.contentChecksum());
    }

    List<Record> headers = new ArrayList<>(row.headers().size());
    for (RecordHeader h : row.headers()) {
      GenericRecord headerRecord = emptyHeader.copy();
      headerRecord.set(header.key, h.key());
      headerRecord.set(header.value, h.value() == null ? null : ByteBuffer.wrap(h.value()));
      headers.add(headerRecord);
    }

    GenericRecord kafkaRecord = emptyKafka.copy();
    kafkaRecord.set(kafka.partition, row.partition());
    kafkaRecord.set(kafka.offset, row.offset());
    kafkaRecord.set(kafka.timestamp, row.timestampType() == TimestampType.NO_TIMESTAMP_TYPE
        ? null
        : utc(row.timestamp()));
    kafkaRecord.set(kafka.timestampType, row.timestampType().label());
    kafkaRecord.set(kafka.key, row.key() == null ? null : ByteBuffer.wrap(row.key()));
    kafkaRecord.set(kafka.headers, headers);
    kafkaRecord.set(kafka.valueRaw, value.keepsBytes() ? ByteBuffer.wrap(row.value()) : null);
    kafkaRecord.set(kafka.valueSchemaId, value.schemaId().isPresent() ? value.schemaId().getAsInt() : null);
    kafkaRecord.set(kafka.valueMessageIndexes, value.messageIndexes().isEmpty() ? null : value.messageIndexes());
    kafkaRecord.set(kafka.valueRawReason, value.rawReason().map(ValueRawReason::label).orElse(null));
    kafkaRecord.set(kafka.tombstone, !row.isRaw() && row.value() == null);
    kafkaRecord.set(kafka.batch, batchRecord);

    GenericRecord record = emptyRow.copy();
    record.set(kafka.kafka, kafkaRecord);
    return record;
  }

  /**
   * Sets what {@code key} gives analysts in the {@code _kafka} column of {@code record}, a record of
   * {@link #toRecord}: the key's schema id and text. Its typed columns are bound to the table by the
   * writer. A schema without these fields (from before Floe typed keys) is left as it is.
   */
  public void setKey(Record record, KeyVerdict key) {
    Record kafkaRecord = (Record) record.get(kafka.kafka);
    if (kafka.keySchemaId >= 0) {
      kafkaRecord.set(kafka.keySchemaId, key.schemaId().isPresent() ? key.schemaId().getAsInt() : null);
    }
    if (kafka.keyText >= 0) {
      kafkaRecord.set(kafka.keyText, key.text().orElse(null));
    }
  }

  /**
   * Epoch milliseconds as a UTC date-time, as {@code OffsetDateTime.ofInstant} makes it but
   * without the {@code ZoneRules} that {@code ZoneOffset.getRules()} allocates on every call.
   */
  private static OffsetDateTime utc(long epochMillis) {
    LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000),
        (int) Math.floorMod(epochMillis, 1000) * 1_000_000, ZoneOffset.UTC);
    return OffsetDateTime.of(local, ZoneOffset.UTC);
  }

  /**
   * The row a record of this schema holds. A typed value is rebuilt by {@code values} from the
   * record's columns; any other record needs only the {@code _kafka} column. Fields are read by
   * the positions found once, as {@link #toRecord} sets them.
   */
  public KafkaRow toRow(Record record, TypedValues values) {
    Record kafkaRecord = (Record) record.get(kafka.kafka);
    Record batchRecord = (Record) kafkaRecord.get(kafka.batch);
    BatchHeader batchHeader = new BatchHeader(
        (Long) batchRecord.get(batch.baseOffset),
        (Integer) batchRecord.get(batch.partitionLeaderEpoch),
        ((Integer) batchRecord.get(batch.magic)).byteValue(),
        new BatchAttributes(((Integer) batchRecord.get(batch.attributes)).shortValue()),
        (Integer) batchRecord.get(batch.lastOffsetDelta),
        (Long) batchRecord.get(batch.baseTimestamp),
        (Long) batchRecord.get(batch.maxTimestamp),
        (Long) batchRecord.get(batch.producerId),
        ((Integer) batchRecord.get(batch.producerEpoch)).shortValue(),
        (Integer) batchRecord.get(batch.baseSequence));
    Integer checksum = batch.checksum >= 0 ? (Integer) batchRecord.get(batch.checksum) : null;
    BatchContext context = new BatchContext((Long) batchRecord.get(batch.position), batchHeader,
        bytes(batchRecord.get(batch.raw)), checksum == null ? OptionalInt.empty() : OptionalInt.of(checksum));

    @SuppressWarnings("unchecked")
    List<Record> headerRecords = (List<Record>) kafkaRecord.get(kafka.headers);
    List<RecordHeader> headers = new ArrayList<>(headerRecords.size());
    for (Record h : headerRecords) {
      headers.add(new RecordHeader((String) h.get(header.key), bytes(h.get(header.value))));
    }
    OffsetDateTime timestamp = (OffsetDateTime) kafkaRecord.get(kafka.timestamp);
    return new KafkaRow(
        (Integer) kafkaRecord.get(kafka.partition),
        (Long) kafkaRecord.get(kafka.offset),
        timestamp == null ? LegacyMessage.NO_TIMESTAMP : timestamp.toInstant().toEpochMilli(),
        TimestampType.fromLabel((String) kafkaRecord.get(kafka.timestampType)),
        bytes(kafkaRecord.get(kafka.key)),
        value(record, kafkaRecord, values),
        headers,
        ((Integer) batchRecord.get(batch.recordAttributes)).byteValue(),
        (Long) batchRecord.get(batch.timestampDelta),
        context);
  }

  /** The value's bytes: kept raw, rebuilt from the typed columns, or none (a tombstone, or a batch kept whole). */
  private byte[] value(Record record, Record kafkaRecord, TypedValues values) {
    byte[] raw = bytes(kafkaRecord.get(kafka.valueRaw));
    Integer schemaId = (Integer) kafkaRecord.get(kafka.valueSchemaId);
    if (raw != null || schemaId == null) {
      return raw;
    }
    @SuppressWarnings("unchecked")
    List<Integer> messageIndexes = (List<Integer>) kafkaRecord.get(kafka.valueMessageIndexes);
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

  /** Where a struct's field is, by name: the schema need not list the fields in Floe's order. */
  private static int indexOf(Types.StructType struct, String name) {
    Types.NestedField field = struct.field(name);
    if (field == null) {
      throw new IllegalArgumentException("Cannot map rows to records: " + struct + " has no field " + name);
    }
    return struct.fields().indexOf(field);
  }

  /**
   * Positions of the {@code _kafka} column in the row and of its fields; those of the key's schema
   * id and text are -1 in a schema from before Floe typed keys, whose rows need neither.
   */
  private record KafkaPositions(int kafka, int partition, int offset, int timestamp, int timestampType, int key,
      int keySchemaId, int keyText, int headers, int valueRaw, int valueSchemaId, int valueMessageIndexes,
      int valueRawReason, int tombstone, int batch) {
    KafkaPositions(Types.StructType row, Types.StructType kafka) {
      this(indexOf(row, KAFKA), indexOf(kafka, PARTITION), indexOf(kafka, OFFSET), indexOf(kafka, TIMESTAMP),
          indexOf(kafka, TIMESTAMP_TYPE), indexOf(kafka, KEY), kafka.fields().indexOf(kafka.field(KEY_SCHEMA_ID)),
          kafka.fields().indexOf(kafka.field(KEY_TEXT)), indexOf(kafka, HEADERS), indexOf(kafka, VALUE_RAW),
          indexOf(kafka, VALUE_SCHEMA_ID), indexOf(kafka, VALUE_MESSAGE_INDEXES), indexOf(kafka, VALUE_RAW_REASON),
          indexOf(kafka, TOMBSTONE), indexOf(kafka, BATCH));
    }
  }

  /**
   * Positions of the fields of {@code _kafka.batch}; the checksum's is -1 in a schema from before
   * Floe kept it, whose rows are read and rebuilt without it.
   */
  private record BatchPositions(int position, int baseOffset, int lastOffsetDelta, int partitionLeaderEpoch,
      int magic, int attributes, int baseTimestamp, int maxTimestamp, int producerId, int producerEpoch,
      int baseSequence, int recordAttributes, int timestampDelta, int raw, int rawReason, int checksum) {
    BatchPositions(Types.StructType batch) {
      this(indexOf(batch, POSITION), indexOf(batch, BASE_OFFSET), indexOf(batch, LAST_OFFSET_DELTA),
          indexOf(batch, PARTITION_LEADER_EPOCH), indexOf(batch, MAGIC), indexOf(batch, ATTRIBUTES),
          indexOf(batch, BASE_TIMESTAMP), indexOf(batch, MAX_TIMESTAMP), indexOf(batch, PRODUCER_ID),
          indexOf(batch, PRODUCER_EPOCH), indexOf(batch, BASE_SEQUENCE), indexOf(batch, RECORD_ATTRIBUTES),
          indexOf(batch, TIMESTAMP_DELTA), indexOf(batch, RAW), indexOf(batch, RAW_REASON),
          batch.fields().indexOf(batch.field(CHECKSUM)));
    }
  }

  /** Positions of a header's key and value. */
  private record HeaderPositions(int key, int value) {
    HeaderPositions(Types.StructType header) {
      this(indexOf(header, HEADER_KEY), indexOf(header, HEADER_VALUE));
    }
  }
}
