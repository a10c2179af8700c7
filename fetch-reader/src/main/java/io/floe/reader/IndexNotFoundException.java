package io.floe.reader;

/** The segment has no index of the requested kind: a segment without transactions has no transaction index. */
public final class IndexNotFoundException extends RuntimeException {
  public IndexNotFoundException(String message) {
    super(message);
  }
}
