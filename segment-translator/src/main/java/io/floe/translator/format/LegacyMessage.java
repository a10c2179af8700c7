package io.floe.translator.format;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The outer message of a magic v0 or v1 log entry (a single message, or a compressed wrapper of
 * several). Floe never takes these apart: it keeps their bytes, and reads only what a row shows.
 */
public record LegacyMessage(long offset, byte magic, byte attributes, long timestamp) {
  private static final int CRC = 12;
  private static final int MAGIC = 16;
  private static final int ATTRIBUTES = 17;
  private static final int TIMESTAMP = 18;
  private static final int TIMESTAMP_TYPE_BIT = 0x08;
  /** Kafka's timestamp for messages that have none. */
  public static final long NO_TIMESTAMP = -1L;

  /**
   * Reads the message at the buffer's position and checks its CRC32 (which covers the bytes from
   * the magic byte to the end).
   *
   * @throws CorruptBatchException if the checksum does not match
   */
  public static LegacyMessage read(ByteBuffer entry) {
    int start = entry.position();
    long stored = Integer.toUnsignedLong(entry.getInt(start + CRC));
    CRC32 crc = new CRC32();
    crc.update(entry.duplicate().position(start + MAGIC));
    if (stored != crc.getValue()) {
      throw new CorruptBatchException("crc", String.format(
          "stored CRC32 0x%08x does not match computed 0x%08x", stored, crc.getValue()));
    }
    byte magic = entry.get(start + MAGIC);
    long timestamp = magic >= 1 ? entry.getLong(start + TIMESTAMP) : NO_TIMESTAMP;
    return new LegacyMessage(entry.getLong(start), magic, entry.get(start + ATTRIBUTES), timestamp);
  }

  public TimestampType timestampType() {
    if (magic == 0) {
      return TimestampType.NO_TIMESTAMP_TYPE;
    }
    return (attributes & TIMESTAMP_TYPE_BIT) == 0 ? TimestampType.CREATE_TIME : TimestampType.LOG_APPEND_TIME;
  }
}
