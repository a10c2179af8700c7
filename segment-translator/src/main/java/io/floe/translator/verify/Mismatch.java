package io.floe.translator.verify;

/** Where a segment first fails to come back exactly: the batch, the record offset and the field. */
public record Mismatch(long position, long offset, String field, String detail) {
  @Override
  public String toString() {
    return "first mismatch at offset " + offset + " (batch at position " + position + "), field " + field + ": " + detail;
  }
}
