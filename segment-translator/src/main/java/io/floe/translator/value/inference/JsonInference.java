package io.floe.translator.value.inference;

/**
 * How far Floe infers columns from a topic's schemaless JSON values: at most {@code maxFields}
 * object properties per segment, counted at every depth in the order they first appear, and
 * objects and arrays at most {@code maxDepth} levels below the value itself. What lies beyond is
 * not a column: a property past the cap is kept, name and value, in the value's {@code _json_shape};
 * a part deeper than the depth cap is a string column holding its JSON text.
 */
public record JsonInference(int maxFields, int maxDepth) {
  /** 500 properties, 16 levels: a wide event with nested parts fits; a map written as an object does not blow up the table. */
  public static final JsonInference DEFAULT = new JsonInference(500, 16);

  public JsonInference {
    if (maxFields < 0 || maxDepth < 1) {
      throw new IllegalArgumentException("Cannot infer JSON columns with caps " + maxFields + " fields, " + maxDepth
          + " levels: fields must not be negative, levels at least 1 (the value itself)");
    }
  }
}
