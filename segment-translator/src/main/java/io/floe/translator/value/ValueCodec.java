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
   * The payload's record, whether it breaks its schema, and whether it re-encodes to exactly the
   * payload: {@link #decode} and {@link #encode} compared, for a format whose records hold no value
   * that breaks it and whose decoding does not already prove the re-encoding.
   *
   * @throws MalformedValueException as {@link #decode} does
   */
  default DecodedValue verify(byte[] payload) {
    Record record = decode(payload);
    return new DecodedValue(record, false, Arrays.equals(encode(record), payload));
  }

  /** The payload of a record of {@link #columns()}, as the format's own writer writes it. */
  byte[] encode(Record record);

  /** The payload's record if it decodes and re-encodes to exactly the payload; otherwise its bytes must stay raw. */
  default Optional<Record> typed(byte[] payload) {
    DecodedValue decoded;
    try {
      decoded = verify(payload);
    } catch (MalformedValueException e) {
      return Optional.empty();
    }
    return decoded.exact() ? Optional.of(decoded.columns()) : Optional.empty();
  }
}
