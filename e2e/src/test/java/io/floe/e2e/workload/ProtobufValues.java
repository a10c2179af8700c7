package io.floe.e2e.workload;

import com.google.protobuf.Message;

/**
 * Writes Protobuf values as Confluent's {@code KafkaProtobufSerializer} does: framed with the
 * message indexes of the file's first message (the single byte 0 the serializer writes for the
 * path [0]), then the message's own bytes.
 */
final class ProtobufValues {
  private static final byte[] FIRST_MESSAGE = {0};

  private ProtobufValues() {}

  /** {@code value} must be of the first message type of its file. */
  static byte[] serialize(int schemaId, Message value) {
    return ConfluentFraming.framed(schemaId, FIRST_MESSAGE, value.toByteArray());
  }
}
