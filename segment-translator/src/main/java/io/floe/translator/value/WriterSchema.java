package io.floe.translator.value;

import io.floe.translator.registry.RegisteredSchema;
import java.util.List;

/**
 * The schema a value was written with: its registered schema and, for Protobuf, which message of it
 * (the value's message indexes; empty for Avro and JSON). One codec serves every value of one
 * writer schema.
 */
public record WriterSchema(RegisteredSchema schema, List<Integer> messageIndexes) {
  /**
   * The id of a schema Floe inferred from a segment's schemaless JSON values: no registry gives
   * out a negative id, and values of it carry no framing.
   */
  public static final int INFERRED_ID = -1;

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

    /** Whether the values start with the registry's framing: all but those of an inferred schema. */
    public boolean framed() {
      return schemaId != INFERRED_ID;
    }
  }

  @Override
  public String toString() {
    if (schema.id() == INFERRED_ID) {
      return "inferred JSON schema";
    }
    return messageIndexes.isEmpty()
        ? schema.type() + " schema " + schema.id()
        : schema.type() + " schema " + schema.id() + " message " + messageIndexes;
  }
}
