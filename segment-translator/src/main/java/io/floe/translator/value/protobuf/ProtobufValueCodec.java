package io.floe.translator.value.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.floe.translator.value.MalformedValueException;
import io.floe.translator.value.ValueCodec;
import java.time.DateTimeException;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * Protobuf values of one message type as records of its columns ({@link ProtobufColumns}), and back.
 *
 * <p>{@link #typed} is verified typing: a payload is typed only if its record re-encodes to the
 * same bytes. protobuf-java writes a message one way only (fields by number, repeated scalars as
 * its descriptor says, defaults of fields without presence left out, unknown fields kept only in
 * what it parsed), so any payload written another way stays raw. Decoding yields what Iceberg's
 * Parquet files give back for each value (canonical NaN, microsecond timestamps, map entries in
 * payload order), so a value that passes here also re-encodes exactly after the trip through a
 * data file.
 *
 * <p>A codec holds nothing that changes: one may serve many threads.
 */
public final class ProtobufValueCodec implements ValueCodec {
  private final Descriptor message;
  private final MessageColumn root;

  private ProtobufValueCodec(Descriptor message, MessageColumn root) {
    this.message = message;
    this.root = root;
  }

  /**
   * The codec of values of message type {@code message}.
   *
   * @throws io.floe.translator.value.UnsupportedSchemaException when a part of the message has no column
   */
  public static ProtobufValueCodec of(Descriptor message) {
    return new ProtobufValueCodec(message, ProtobufColumns.root(message));
  }

  public Descriptor message() {
    return message;
  }

  /** The struct every decoded record has: {@code ProtobufColumns.of(message())}. */
  @Override
  public Types.StructType columns() {
    return root.type();
  }

  /**
   * The record of a payload, map entries in payload order.
   *
   * @throws MalformedValueException when the payload is not a message of this type, or a value does
   *     not fit its column
   */
  @Override
  public Record decode(byte[] payload) {
    try {
      return root.read(DynamicMessage.parseFrom(message, payload));
    } catch (InvalidProtocolBufferException | MalformedValueException | DateTimeException | ArithmeticException e) {
      throw new MalformedValueException(String.format("Cannot decode a value of Protobuf message %s (%d bytes): %s",
          message.getFullName(), payload.length, e.getMessage()), e);
    }
  }

  /** The Protobuf encoding of a record of {@link #columns()}, as protobuf-java writes it. */
  @Override
  public byte[] encode(Record record) {
    return root.write(record).toByteArray();
  }
}
