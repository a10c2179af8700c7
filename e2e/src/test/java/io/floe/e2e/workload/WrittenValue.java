package io.floe.e2e.workload;

/** What a typed topic's record value was written as: an order in one schema version, or a value that cannot be typed. */
public sealed interface WrittenValue {
  /** An order written with the schema of {@code version}, registered as {@code schemaId}. */
  record Typed(SchemaVersion version, int schemaId, Order order) implements WrittenValue {}

  record Untyped(UntypedValue kind) implements WrittenValue {}
}
