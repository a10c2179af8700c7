package io.floe.translator.format;

import java.util.Optional;

/**
 * The 16-bit attributes of a v2 batch: compression (bits 0-2), timestamp type (3), transactional
 * (4), control (5), delete horizon present (6). Bits 7-15 are unassigned in every Kafka version.
 */
public record BatchAttributes(short value) {
  private static final int COMPRESSION_MASK = 0x07;
  private static final int TIMESTAMP_TYPE_BIT = 0x08;
  private static final int TRANSACTIONAL_BIT = 0x10;
  private static final int CONTROL_BIT = 0x20;
  private static final int DELETE_HORIZON_BIT = 0x40;
  private static final int ASSIGNED_BITS = 0x7F;

  /** The codec, or empty when bits 0-2 name none (5-7). */
  public Optional<CompressionCodec> compression() {
    return CompressionCodec.fromId(value & COMPRESSION_MASK);
  }

  public TimestampType timestampType() {
    return (value & TIMESTAMP_TYPE_BIT) == 0 ? TimestampType.CREATE_TIME : TimestampType.LOG_APPEND_TIME;
  }

  public boolean isTransactional() {
    return (value & TRANSACTIONAL_BIT) != 0;
  }

  public boolean isControl() {
    return (value & CONTROL_BIT) != 0;
  }

  public boolean hasDeleteHorizon() {
    return (value & DELETE_HORIZON_BIT) != 0;
  }

  /** Whether every set bit has a meaning Floe models, so that the batch can become rows. */
  public boolean isRepresentable() {
    return (value & ~ASSIGNED_BITS & 0xFFFF) == 0 && compression().isPresent();
  }
}
