package io.floe.translator.value;

/**
 * A value's payload does not decode with its writer schema. This is content, not failure: the value
 * is kept raw.
 */
public final class MalformedValueException extends RuntimeException {
  public MalformedValueException(String message) {
    super(message);
  }

  public MalformedValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
