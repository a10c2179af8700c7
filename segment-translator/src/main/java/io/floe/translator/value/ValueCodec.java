package io.floe.translator.value;

import java.util.Arrays;
import java.util.Optional;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * Turns the payloads of one writer schema into typed columns and back. The check that makes
 * typing safe (promise 3) lives here once: a value is typed only if its columns re-encode to
 * exactly its payload.
 */
public interface ValueCodec {
  /** The struct every decoded record has. */
  Types.StructType columns();

  /**
   * The record of a payload, as a data file will give it back.
   *
   * @throws MalformedValueException when the payload is not a value of this schema, or a value does
   *     not fit its column
   */
  Record decode(byte[] payload);

  /**
   * The payload's record, and whether it breaks its schema: {@link #decode} for a format whose
   * records hold no value that breaks it.
   *
   * @throws MalformedValueException as {@link #decode} does
   */
  default DecodedValue decodeChecked(byte[] payload) {
    return new DecodedValue(decode(payload), false);
  }

  /** The payload of a record of {@link #columns()}, as the format's own writer writes it. */
  byte[] encode(Record record);

  /** The payload's record if it decodes and re-encodes to exactly the payload; otherwise its bytes must stay raw. */
  default Optional<Record> typed(byte[] payload) {
    Record record;
    try {
      record = decode(payload);
    } catch (MalformedValueException e) {
      return Optional.empty();
    }
    return Arrays.equals(encode(record), payload) ? Optional.of(record) : Optional.empty();
  }
}
