package io.floe.translator.row;

/** Why a batch is kept as raw bytes instead of one row per record. */
public enum RawReason {
  /** A magic v0 or v1 entry (or a magic no Kafka version writes). */
  LEGACY_MAGIC,
  /** Attribute bits no Kafka version assigns, or a compression codec number it does not know. */
  UNKNOWN_ATTRIBUTES,
  /** A batch left without records (as compaction leaves them for producer state). */
  EMPTY_BATCH,
  /** The checksum holds but the records inside do not follow the v2 record format. */
  MALFORMED_RECORDS,
  /** The rows would not rebuild the batch exactly (say, a non-canonical varint). */
  NOT_REPRODUCIBLE;

  /** The name operators see in reports and the table, e.g. {@code legacy-magic}. */
  public String label() {
    return name().toLowerCase().replace('_', '-');
  }
}
