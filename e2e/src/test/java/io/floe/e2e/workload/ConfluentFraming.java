package io.floe.e2e.workload;

import java.nio.ByteBuffer;

/**
 * The schema-registry wire format Confluent's serializers write: magic byte 0, the schema id as a
 * 4-byte big-endian int, then (Protobuf only) the message indexes, then the payload.
 */
final class ConfluentFraming {
  private static final byte MAGIC = 0;

  private ConfluentFraming() {}

  static byte[] framed(int schemaId, byte[] payload) {
    return framed(schemaId, new byte[0], payload);
  }

  static byte[] framed(int schemaId, byte[] messageIndexes, byte[] payload) {
    return ByteBuffer.allocate(1 + Integer.BYTES + messageIndexes.length + payload.length)
        .put(MAGIC)
        .putInt(schemaId)
        .put(messageIndexes)
        .put(payload)
        .array();
  }

  /** The same framed value with another schema id. */
  static byte[] withSchemaId(byte[] framed, int schemaId) {
    return ByteBuffer.wrap(framed.clone()).putInt(1, schemaId).array();
  }
}
