package io.floe.plugin.kafka;

import java.util.regex.Pattern;

/**
 * Keeps secrets out of what reaches the broker's log: passwords, tokens and keys inside URIs and
 * messages (a JDBC URL's {@code password=}, a URI's {@code user:password@}). Causes are copied with
 * their messages redacted and their stack traces kept, since the broker logs the whole chain.
 */
public final class Redaction {
  private static final Pattern SECRET_PARAMETER = Pattern.compile(
      "(?i)((?:password|passwd|pwd|secret|token|credential|private[-_.]?key|secret[-_.]?access[-_.]?key)[^=&;\\s]*=)([^&;\\s]+)");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]+:)([^@/\\s]+)(@)");

  private Redaction() {}

  public static String redact(String message) {
    if (message == null) {
      return null;
    }
    String redacted = SECRET_PARAMETER.matcher(message).replaceAll("$1***");
    return USER_INFO.matcher(redacted).replaceAll("$1***$3");
  }

  /** A copy of the cause chain with every message redacted. */
  static Throwable redact(Throwable cause) {
    if (cause == null) {
      return null;
    }
    Throwable copy = new RedactedException(cause.getClass().getName() + ": " + redact(cause.getMessage()),
        redact(cause.getCause()));
    copy.setStackTrace(cause.getStackTrace());
    return copy;
  }

  /** Stands in for a cause whose message was redacted; its message names the original class. */
  static final class RedactedException extends Exception {
    RedactedException(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}
