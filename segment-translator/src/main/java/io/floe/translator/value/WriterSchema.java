package io.floe.translator.value;

import io.floe.translator.registry.RegisteredSchema;
import java.util.List;

/**
 * The schema a value was written with: its registered schema and, for Protobuf, which message of it
 * (the value's message indexes; empty for Avro and JSON). One codec serves every value of one
 * writer schema.
 */
public record WriterSchema(RegisteredSchema schema, List<Integer> messageIndexes) {
  public WriterSchema {
    messageIndexes = List.copyOf(messageIndexes);
  }

  public int schemaId() {
    return schema.id();
  }

  public Key key() {
    return new Key(schema.id(), messageIndexes);
  }

  /** What a value's framing says of its writer schema: the id and the message indexes. */
  public record Key(int schemaId, List<Integer> messageIndexes) {
    public Key {
      messageIndexes = List.copyOf(messageIndexes);
    }
  }

  @Override
  public String toString() {
    return messageIndexes.isEmpty()
        ? schema.type() + " schema " + schema.id()
        : schema.type() + " schema " + schema.id() + " message " + messageIndexes;
  }
}
