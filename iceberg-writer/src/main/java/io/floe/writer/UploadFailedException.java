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

  private static String describe(Throwable cause) {
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
