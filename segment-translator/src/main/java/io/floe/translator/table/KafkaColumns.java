package io.floe.translator.table;

import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * The {@code _kafka} column every Floe table has: what a consumer sees of a record, and in
 * {@code _kafka.batch} what Floe needs to write its batch again exactly. Readers find fields by
 * name: a table created by the catalog, or adopted from an operator, numbers them its own way.
 */
public final class KafkaColumns {
  public static final String KAFKA = "_kafka";
  public static final String PARTITION = "partition";
  public static final String OFFSET = "offset";
  public static final String TIMESTAMP = "timestamp";
  public static final String TIMESTAMP_TYPE = "timestamp_type";
  public static final String KEY = "key";
  public static final String KEY_SCHEMA_ID = "key_schema_id";
  public static final String KEY_TEXT = "key_text";
  public static final String HEADERS = "headers";
  public static final String HEADER_KEY = "key";
  public static final String HEADER_VALUE = "value";
  public static final String VALUE_RAW = "value_raw";
  public static final String VALUE_SCHEMA_ID = "value_schema_id";
  public static final String VALUE_MESSAGE_INDEXES = "value_message_indexes";
  public static final String VALUE_RAW_REASON = "value_raw_reason";
  public static final String TOMBSTONE = "tombstone";
  public static final String BATCH = "batch";
  public static final String POSITION = "position";
  public static final String BASE_OFFSET = "base_offset";
  public static final String LAST_OFFSET_DELTA = "last_offset_delta";
  public static final String PARTITION_LEADER_EPOCH = "partition_leader_epoch";
  public static final String MAGIC = "magic";
  public static final String ATTRIBUTES = "attributes";
  public static final String BASE_TIMESTAMP = "base_timestamp";
  public static final String MAX_TIMESTAMP = "max_timestamp";
  public static final String PRODUCER_ID = "producer_id";
  public static final String PRODUCER_EPOCH = "producer_epoch";
  public static final String BASE_SEQUENCE = "base_sequence";
  public static final String RECORD_ATTRIBUTES = "record_attributes";
  public static final String TIMESTAMP_DELTA = "timestamp_delta";
  public static final String RAW = "raw";
  public static final String RAW_REASON = "raw_reason";
  public static final String CHECKSUM = "checksum";

  /** The {@code timestamp} column's full name, the source of the default partition spec. */
  public static final String TIMESTAMP_COLUMN = KAFKA + "." + TIMESTAMP;

  private static final Types.StructType BATCH_TYPE = Types.StructType.of(
      NestedField.required(16, POSITION, Types.LongType.get(), "byte position of the batch in the original segment"),
      NestedField.required(17, BASE_OFFSET, Types.LongType.get()),
      NestedField.required(18, LAST_OFFSET_DELTA, Types.IntegerType.get()),
      NestedField.required(19, PARTITION_LEADER_EPOCH, Types.IntegerType.get()),
      NestedField.required(20, MAGIC, Types.IntegerType.get()),
      NestedField.required(21, ATTRIBUTES, Types.IntegerType.get(), "batch attributes: codec, timestamp type, flags"),
      NestedField.required(22, BASE_TIMESTAMP, Types.LongType.get()),
      NestedField.required(23, MAX_TIMESTAMP, Types.LongType.get()),
      NestedField.required(24, PRODUCER_ID, Types.LongType.get()),
      NestedField.required(25, PRODUCER_EPOCH, Types.IntegerType.get()),
      NestedField.required(26, BASE_SEQUENCE, Types.IntegerType.get()),
      NestedField.required(27, RECORD_ATTRIBUTES, Types.IntegerType.get()),
      NestedField.required(28, TIMESTAMP_DELTA, Types.LongType.get()),
      NestedField.optional(29, RAW, Types.BinaryType.get(), "the whole batch, for a batch kept raw"),
      NestedField.optional(30, RAW_REASON, Types.StringType.get(), "why the batch is kept raw"),
      NestedField.optional(34, CHECKSUM, Types.IntegerType.get(),
          "CRC32C of the batch's header and uncompressed records, checked when Floe rebuilds it"));

  private static final Types.StructType KAFKA_TYPE = Types.StructType.of(
      NestedField.required(2, PARTITION, Types.IntegerType.get()),
      NestedField.required(3, OFFSET, Types.LongType.get()),
      NestedField.optional(4, TIMESTAMP, Types.TimestampType.withZone()),
      NestedField.required(5, TIMESTAMP_TYPE, Types.StringType.get(), "CreateTime, LogAppendTime or NoTimestampType"),
      NestedField.optional(6, KEY, Types.BinaryType.get()),
      NestedField.optional(35, KEY_SCHEMA_ID, Types.IntegerType.get(),
          "the registry's id of the key's writer schema, when the key carries one"),
      NestedField.optional(36, KEY_TEXT, Types.StringType.get(), "the key as text, when it is UTF-8 without framing"),
      NestedField.required(7, HEADERS, Types.ListType.ofRequired(8, Types.StructType.of(
          NestedField.required(9, HEADER_KEY, Types.StringType.get()),
          NestedField.optional(10, HEADER_VALUE, Types.BinaryType.get())))),
      NestedField.optional(11, VALUE_RAW, Types.BinaryType.get(), "the value's bytes, when not kept as typed columns"),
      NestedField.optional(12, VALUE_SCHEMA_ID, Types.IntegerType.get(), "the registry's id of the value's writer schema"),
      NestedField.optional(31, VALUE_MESSAGE_INDEXES, Types.ListType.ofRequired(32, Types.IntegerType.get()),
          "which message of a Protobuf writer schema the value is"),
      NestedField.optional(33, VALUE_RAW_REASON, Types.StringType.get(), "why value_raw is set"),
      NestedField.required(13, TOMBSTONE, Types.BooleanType.get(), "the record has a null value"),
      NestedField.required(15, BATCH, BATCH_TYPE));

  /** The schema of a Floe table whose values are kept untyped. */
  public static final Schema SCHEMA = new Schema(NestedField.required(1, KAFKA, KAFKA_TYPE));

  private KafkaColumns() {}
}
