package io.floe.translator.value;

/**
 * The formats a schema registry holds schemas in. The wire format differs by one thing: a
 * Protobuf value also names which message of its schema it is.
 */
public enum SchemaFormat {
  AVRO,
  PROTOBUF,
  JSON;

  boolean hasMessageIndexes() {
    return this == PROTOBUF;
  }
}
