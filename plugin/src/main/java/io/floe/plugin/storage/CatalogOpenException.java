package io.floe.plugin.storage;

/**
 * The catalog could not be built: {@link #retriable()} if it may be reachable later, not if it
 * refused Floe's credentials, which an operator must mend.
 */
public final class CatalogOpenException extends RuntimeException {
  private final boolean retriable;

  CatalogOpenException(String message, boolean retriable, Throwable cause) {
    super(message, cause);
    this.retriable = retriable;
  }

  public boolean retriable() {
    return retriable;
  }
}
