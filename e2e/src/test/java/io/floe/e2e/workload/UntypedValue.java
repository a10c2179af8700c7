package io.floe.e2e.workload;

/**
 * Values on a typed topic that cannot be typed: they must come back byte for byte, kept raw (a
 * tombstone stays a tombstone).
 */
public enum UntypedValue {
  /** Text that does not start with the magic byte, and is no JSON object Floe could infer columns for. */
  NO_SCHEMA_ID,
  /** A well-formed value framed with a schema id the registry never gave. */
  UNKNOWN_SCHEMA_ID,
  /** A value of the latest schema, framed with its id, cut short by its last byte. */
  UNDECODABLE,
  /** No value at all. */
  TOMBSTONE
}
