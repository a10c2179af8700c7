package io.floe.translator.registry;

/**
 * A writer schema the registry did not give. Content failures ({@link SchemaNotFoundException},
 * {@link InvalidSchemaException}) leave the values of that schema raw; infrastructure failures
 * ({@link RegistryUnavailableException}, {@link RegistryAuthenticationException}) fail the upload
 * retriably. Messages name the schema and the registry, never credentials.
 */
public abstract sealed class SchemaRegistryException extends RuntimeException
    permits SchemaNotFoundException, InvalidSchemaException, RegistryUnavailableException,
        RegistryAuthenticationException {
  private final int schemaId;
  private final String registry;

  SchemaRegistryException(int schemaId, String registry, String problem, Throwable cause) {
    super("Cannot fetch schema " + schemaId + " from schema registry " + registry + ": " + problem, cause);
    this.schemaId = schemaId;
    this.registry = registry;
  }

  /** The id of the schema that was asked for (the writer schema of a value). */
  public int schemaId() {
    return schemaId;
  }

  /** The registry URL that answered, or the URLs tried when none did. */
  public String registry() {
    return registry;
  }
}
