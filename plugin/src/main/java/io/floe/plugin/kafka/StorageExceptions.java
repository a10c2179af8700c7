package io.floe.plugin.kafka;

import org.apache.kafka.server.log.remote.storage.RemoteStorageException;

/**
 * Builds the broker's exceptions. {@code RetriableRemoteStorageException} exists from Kafka 4.2 on;
 * on older brokers a transient failure is a plain {@link RemoteStorageException}, which the
 * broker retries on its next task run anyway. The class is looked up by name so that the plugin
 * loads on brokers without it.
 */
public final class StorageExceptions {
  private static final String RETRIABLE = "org.apache.kafka.server.log.remote.storage.RetriableRemoteStorageException";

  private StorageExceptions() {}

  /** A transient failure (object store, catalog, registry unreachable): the broker retries. */
  public static RemoteStorageException retriable(String message, Throwable cause) {
    try {
      Class<?> type = Class.forName(RETRIABLE, true, RemoteStorageException.class.getClassLoader());
      return (RemoteStorageException) type.getConstructor(String.class, Throwable.class).newInstance(message, cause);
    } catch (ReflectiveOperationException | LinkageError e) {
      return new RemoteStorageException(message, cause);
    }
  }

  /** A failure retrying will not mend (a damaged segment). */
  public static RemoteStorageException fatal(String message, Throwable cause) {
    return new RemoteStorageException(message, cause);
  }
}
