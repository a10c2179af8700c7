package io.floe.writer.table;

/** An existing table whose schema cannot hold Floe's rows; only an operator can fix it. */
public final class IncompatibleTableException extends RuntimeException {
  public IncompatibleTableException(String message) {
    super(message);
  }
}
