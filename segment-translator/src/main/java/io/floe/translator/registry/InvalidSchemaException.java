package io.floe.translator.registry;

/**
 * The registry has the schema but not in a form Floe can use: a type Floe does not read, a
 * reference cycle, a Protobuf schema served only as text that does not read as protoc would read
 * it. Content: the value stays raw.
 */
public final class InvalidSchemaException extends SchemaRegistryException {
  InvalidSchemaException(int schemaId, String registry, String problem, Throwable cause) {
    super(schemaId, registry, problem, cause);
  }
}
