package io.floe.translator.registry;

/**
 * The registry did not answer usefully: connection refused, timed out, TLS failed, or it kept
 * answering with server errors after the retries. Infrastructure: the upload fails retriably.
 */
public final class RegistryUnavailableException extends SchemaRegistryException {
  RegistryUnavailableException(int schemaId, String registry, String problem, Throwable cause) {
    super(schemaId, registry, problem, cause);
  }
}
