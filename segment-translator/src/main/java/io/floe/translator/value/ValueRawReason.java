package io.floe.translator.value;

/**
 * Why a value's bytes are kept in {@code _kafka.value_raw} (promise 2). Only
 * {@link #NOT_REPRODUCIBLE} comes with filled columns as well: the value decodes, but its columns
 * would not give back its bytes.
 */
public enum ValueRawReason {
  /** The topic is configured {@code raw}. */
  RAW_TOPIC,
  /** No schema registry is configured, so no schema id can be looked up. */
  NO_REGISTRY,
  /** The value does not start with the registry's framing (magic byte 0, schema id). */
  NO_SCHEMA_ID,
  /** The registry does not know the value's schema id, or a schema it refers to. */
  UNKNOWN_SCHEMA,
  /** The schema is of a format the topic is not configured for. */
  FORMAT_MISMATCH,
  /** The schema does not parse, or has a part no column can hold. */
  UNSUPPORTED_SCHEMA,
  /** The payload does not decode with its writer schema. */
  MALFORMED,
  /** The payload decodes, but its columns (with what they store of its text, for JSON) re-encode to other bytes. */
  NOT_REPRODUCIBLE,
  /** The registry stayed unreachable past the configured bound, and the upload went on without it. */
  REGISTRY_UNAVAILABLE,
  /**
   * The value has no registry framing, on a topic whose schemaless JSON is inferred, and is not one
   * JSON object: another JSON value, not JSON, not UTF-8, or beyond the JSON parser's limits.
   */
  NOT_JSON_OBJECT;

  /** The name the table and the logs show, e.g. {@code no-schema-id}. */
  public String label() {
    return name().toLowerCase().replace('_', '-');
  }
}
