package io.floe.translator.registry;

import io.floe.translator.registry.RegistryJson.Reference;

/**
 * What is being fetched, for messages: always on behalf of one schema id, and perhaps of a chain
 * of references below it ({@code trail}).
 */
record Lookup(int schemaId, String trail) {

  Lookup reference(Reference reference) {
    String step = "reference '" + reference.name() + "' (subject " + reference.subject() + ", version "
        + reference.version() + ")";
    return new Lookup(schemaId, trail.isEmpty() ? step : trail + " -> " + step);
  }

  /** The start of a problem's description: which reference, if any. */
  String prefix() {
    return trail.isEmpty() ? "" : "its " + trail + ": ";
  }
}
