package io.floe.translator.segment;

/** An index the broker handed over does not read as its format says: retrying cannot help. */
public final class CorruptIndexException extends RuntimeException {
  public CorruptIndexException(String message) {
    super(message);
  }
}
