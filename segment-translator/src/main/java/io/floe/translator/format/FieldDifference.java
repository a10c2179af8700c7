package io.floe.translator.format;

/** The first place where two batches differ: the record offset, the field, and both values. */
public record FieldDifference(long offset, String field, String expected, String actual) {
  @Override
  public String toString() {
    return "offset " + offset + " field " + field + ": expected " + expected + ", got " + actual;
  }
}
