package io.floe.e2e.workload;

import io.floe.translator.registry.ConfluentRegistryServer;

/** The orders' value schema in one format, in both versions, and its values as Confluent's serializer writes them. */
public interface OrderSchema {
  /** Registers {@code version} under {@code subject}, as a serializer auto-registers it; returns its id. */
  int register(ConfluentRegistryServer registry, String subject, SchemaVersion version);

  /** {@code order} written with {@code version}'s schema, registered as {@code schemaId}. */
  byte[] value(Order order, SchemaVersion version, int schemaId);
}
