package io.floe.writer.maintenance;

import java.util.List;

/** Some orphan files could not be deleted; the others were, and a later run tries these again. */
public final class OrphanFilesLeftException extends RuntimeException {
  private final List<String> removed;

  OrphanFilesLeftException(String message, List<String> removed, Throwable cause) {
    super(message, cause);
    this.removed = List.copyOf(removed);
  }

  /** The orphan files that were deleted before and after the failures. */
  public List<String> removed() {
    return removed;
  }
}
