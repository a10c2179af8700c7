package io.floe.translator.value;

/**
 * A writer schema has a part no column can hold (a type that encodes as no bytes at all, such as
 * {@code null} outside a union). Its values are kept raw.
 */
public final class UnsupportedSchemaException extends RuntimeException {
  public UnsupportedSchemaException(String message) {
    super(message);
  }
}
