package io.floe.translator.manifest;

/**
 * Tells a missing bucket from a missing object. Cloud Storage and S3 answer both with a 404, and
 * FileIOs turn both into the same "not found"; only the store's words, somewhere in the cause
 * chain, tell them apart. A missing object is a segment that is gone; a missing bucket is a store
 * misconfigured or not made yet, where retrying helps once it exists.
 */
public final class MissingBucket {
  /** How Cloud Storage and S3 both word it. */
  private static final String WORDS = "bucket does not exist";

  private MissingBucket() {}

  public static boolean isCauseOf(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e.getMessage() != null && e.getMessage().contains(WORDS)) {
        return true;
      }
    }
    return false;
  }
}
