package io.floe.reader;

/**
 * A fetch that could not be served: the object store failed, or a manifest or data file is
 * corrupt or missing. The message names the segment and the object at fault.
 */
public final class FetchFailedException extends RuntimeException {
  public FetchFailedException(String message) {
    super(message);
  }

  public FetchFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
