package io.floe.writer;

import io.floe.translator.manifest.SegmentRef;

/**
 * An upload that failed. {@link #retriable()} says whether the broker should retry it (the catalog
 * or the object store failed) or not (the segment is damaged, or the table cannot hold it).
 */
public final class UploadFailedException extends RuntimeException {
  private final boolean retriable;

  private UploadFailedException(String message, boolean retriable, Throwable cause) {
    super(message, cause);
    this.retriable = retriable;
  }

  /** The catalog or the object store failed: {@code what} was being done {@code at} where. */
  static UploadFailedException retriable(SegmentRef segment, String what, String where, Throwable cause) {
    return new UploadFailedException(
        "Cannot upload " + segment + ": " + what + " at " + where + ": " + describe(cause), true, cause);
  }

  /** Retrying cannot help: the segment or the table is the problem, as {@code problem} says. */
  static UploadFailedException permanent(SegmentRef segment, String problem, Throwable cause) {
    return new UploadFailedException("Cannot upload " + segment + ": " + problem, false, cause);
  }

  public boolean retriable() {
    return retriable;
  }

  /**
   * The cause's own words, skipping wrappers that only repeat what they wrap, and ending with the
   * root cause's when they add to it (a JDBC catalog says which statement failed, SQLite why).
   */
  private static String describe(Throwable cause) {
    Throwable shown = cause;
    while (shown.getCause() != null && shown.getCause().toString().equals(shown.getMessage())) {
      shown = shown.getCause();
    }
    Throwable root = shown;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = text(shown);
    String reason = text(root);
    return message.contains(reason) ? message : message + ": " + reason;
  }

  private static String text(Throwable error) {
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }
}
