package io.floe.translator.value.json;

/** What an object's text holds at one place: one of its schema's properties, or a property the schema does not name. */
sealed interface Member {
  /** The schema's property at {@code index}, in schema order. */
  record Known(int index) implements Member {}

  /** A property beyond the schema's, with its value as compact JSON text; written in the value's style. */
  record Extra(String name, String json) implements Member {}
}
