package io.floe.e2e.workload;

/**
 * The writer schema of a typed value: {@code V1} before a topic's evolution, {@code V2} after it,
 * which adds a field, widens a type (int to long; JSON Schema has one integer type, so there a
 * field is added and a string becomes a number) and changes a field's type incompatibly (string
 * to int).
 */
public enum SchemaVersion {
  V1,
  V2
}
