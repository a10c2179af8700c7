package io.floe.translator.registry;

/**
 * The registry refused Floe's credentials (HTTP 401) or their right to read schemas (HTTP 403).
 * Infrastructure, retriable once the credentials are fixed; never the content's fault.
 */
public final class RegistryAuthenticationException extends SchemaRegistryException {
  private final int status;

  RegistryAuthenticationException(int schemaId, String registry, int status, String problem) {
    super(schemaId, registry, problem, null);
    this.status = status;
  }

  /** 401 when the credentials are missing or wrong, 403 when they may not read schemas. */
  public int status() {
    return status;
  }
}
