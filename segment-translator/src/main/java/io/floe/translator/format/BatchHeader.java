package io.floe.translator.format;

import java.nio.ByteBuffer;

/**
 * The fields of a v2 batch header that rows keep. Length, CRC and record count are not kept: they
 * follow from the records when the batch is written again.
 */
public record BatchHeader(
    long baseOffset,
    int partitionLeaderEpoch,
    byte magic,
    BatchAttributes attributes,
    int lastOffsetDelta,
    long baseTimestamp,
    long maxTimestamp,
    long producerId,
    short producerEpoch,
    int baseSequence) {

  static final int BASE_OFFSET = 0;
  static final int LENGTH = 8;
  static final int PARTITION_LEADER_EPOCH = 12;
  static final int MAGIC = 16;
  static final int CRC = 17;
  static final int ATTRIBUTES = 21;
  static final int LAST_OFFSET_DELTA = 23;
  static final int BASE_TIMESTAMP = 27;
  static final int MAX_TIMESTAMP = 35;
  static final int PRODUCER_ID = 43;
  static final int PRODUCER_EPOCH = 51;
  static final int BASE_SEQUENCE = 53;
  static final int RECORD_COUNT = 57;
  /** Size of the v2 header, and so of the smallest v2 batch. */
  public static final int SIZE = 61;
  /** Bytes before the length field ends: every batch of every magic starts with offset and length. */
  public static final int LOG_OVERHEAD = 12;

  /** Reads the header of the v2 batch at the buffer's position, without moving it. */
  public static BatchHeader read(ByteBuffer batch) {
    int start = batch.position();
    return new BatchHeader(
        batch.getLong(start + BASE_OFFSET),
        batch.getInt(start + PARTITION_LEADER_EPOCH),
        batch.get(start + MAGIC),
        new BatchAttributes(batch.getShort(start + ATTRIBUTES)),
        batch.getInt(start + LAST_OFFSET_DELTA),
        batch.getLong(start + BASE_TIMESTAMP),
        batch.getLong(start + MAX_TIMESTAMP),
        batch.getLong(start + PRODUCER_ID),
        batch.getShort(start + PRODUCER_EPOCH),
        batch.getInt(start + BASE_SEQUENCE));
  }

  /** The record count the header declares. */
  static int recordCount(ByteBuffer batch) {
    return batch.getInt(batch.position() + RECORD_COUNT);
  }

  public long lastOffset() {
    return baseOffset + lastOffsetDelta;
  }
}
