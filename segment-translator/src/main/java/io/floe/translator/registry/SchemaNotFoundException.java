package io.floe.translator.registry;

/**
 * The registry does not know the schema, or one it refers to (errors 40401, 40402, 40403): the
 * value's content names a schema that is not there, so the value stays raw.
 */
public final class SchemaNotFoundException extends SchemaRegistryException {
  SchemaNotFoundException(int schemaId, String registry, String problem) {
    super(schemaId, registry, problem, null);
  }
}
