package io.floe.plugin.kafka;

import org.apache.kafka.server.log.remote.storage.RemoteResourceNotFoundException;
import org.apache.kafka.server.log.remote.storage.RemoteStorageException;

/**
 * Builds the broker's exceptions. {@code RetriableRemoteStorageException} exists from Kafka 4.2 on;
 * on older brokers a transient failure is a plain {@link RemoteStorageException}, which the
 * broker retries on its next task run anyway. The class is looked up by name so that the plugin
 * loads on brokers without it. Messages and causes are redacted: the broker logs them whole.
 */
public final class StorageExceptions {
  private static final String RETRIABLE = "org.apache.kafka.server.log.remote.storage.RetriableRemoteStorageException";

  private StorageExceptions() {}

  /** A transient failure (object store, catalog, registry unreachable): the broker retries. */
  public static RemoteStorageException retriable(String message, Throwable cause) {
    try {
      Class<?> type = Class.forName(RETRIABLE, true, RemoteStorageException.class.getClassLoader());
      return (RemoteStorageException) type.getConstructor(String.class, Throwable.class)
          .newInstance(Redaction.redact(message), Redaction.redact(cause));
    } catch (ReflectiveOperationException | LinkageError e) {
      return new RemoteStorageException(Redaction.redact(message), Redaction.redact(cause));
    }
  }

  /** A failure retrying will not mend (a damaged segment). */
  public static RemoteStorageException fatal(String message, Throwable cause) {
    return new RemoteStorageException(Redaction.redact(message), Redaction.redact(cause));
  }

  /** The resource (segment or index) does not exist. */
  public static RemoteResourceNotFoundException notFound(String message, Throwable cause) {
    return new RemoteResourceNotFoundException(Redaction.redact(message), Redaction.redact(cause));
  }
}
