package io.floe.translator.value;

import java.util.Arrays;
import java.util.List;

/**
 * A value in the schema registry's wire format, taken apart: the id of its writer schema, for
 * Protobuf the path of its message type in that schema (empty for Avro and JSON), and the payload
 * in the schema's own encoding.
 */
public record WireValue(int schemaId, List<Integer> messageIndexes, byte[] payload) {
  public WireValue {
    messageIndexes = List.copyOf(messageIndexes);
  }

  /** A value of an Avro or JSON schema. */
  public static WireValue of(int schemaId, byte[] payload) {
    return new WireValue(schemaId, List.of(), payload);
  }

  // A record compares arrays by identity; two values are the same when their bytes are.
  @Override
  public boolean equals(Object other) {
    return other instanceof WireValue that
        && schemaId == that.schemaId
        && messageIndexes.equals(that.messageIndexes)
        && Arrays.equals(payload, that.payload);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * schemaId + messageIndexes.hashCode()) + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "WireValue[schemaId=" + schemaId + ", messageIndexes=" + messageIndexes + ", payload=" + payload.length + " bytes]";
  }
}
