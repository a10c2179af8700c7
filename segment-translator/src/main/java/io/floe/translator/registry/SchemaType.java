package io.floe.translator.registry;

import java.util.Arrays;
import java.util.Optional;

/**
 * The schema formats of the Confluent Schema Registry, as its {@code schemaType} field names them.
 * Their wire formats differ by one thing: a Protobuf value also names which message of its schema
 * it is.
 */
public enum SchemaType {
  AVRO,
  PROTOBUF,
  JSON;

  /** Whether a value's framing lists message indexes after its schema id. */
  public boolean hasMessageIndexes() {
    return this == PROTOBUF;
  }

  /**
   * The type the registry means by its {@code schemaType} field: absent means Avro, which the
   * registry leaves out because it was the only format before 5.5. Empty for a type Floe does not
   * know (a custom schema provider's).
   */
  static Optional<SchemaType> fromRegistry(String schemaType) {
    if (schemaType == null) {
      return Optional.of(AVRO);
    }
    return Arrays.stream(values()).filter(type -> type.name().equals(schemaType)).findFirst();
  }
}
