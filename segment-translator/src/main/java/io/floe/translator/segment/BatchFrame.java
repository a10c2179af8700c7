package io.floe.translator.segment;

import java.nio.ByteBuffer;

/**
 * One batch of a segment file, as bytes: where it starts in the file and everything from its
 * offset field to its last byte. The buffer's position is 0 and its limit the batch size.
 */
public record BatchFrame(long position, ByteBuffer bytes) {
  private static final int MAGIC = 16;
  private static final int LAST_OFFSET_DELTA = 23;

  /** The first 8 bytes: the base offset of a v2 batch, the (last) offset of a v0/v1 entry. */
  public long offset() {
    return bytes.getLong(0);
  }

  /**
   * The last offset: a v2 batch's base offset plus its last offset delta; the offset of a v0/v1
   * entry, and of a frame of a magic no Kafka version writes, which is kept as it is.
   */
  public long lastOffset() {
    return magic() == 2 && sizeInBytes() >= LAST_OFFSET_DELTA + Integer.BYTES
        ? offset() + bytes.getInt(LAST_OFFSET_DELTA) : offset();
  }

  public byte magic() {
    return bytes.get(MAGIC);
  }

  public int sizeInBytes() {
    return bytes.remaining();
  }

  /** A view of the bytes that the caller may move without disturbing this frame. */
  public ByteBuffer view() {
    return bytes.duplicate();
  }
}
