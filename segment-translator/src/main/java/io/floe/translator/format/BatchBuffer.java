package io.floe.translator.format;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The growing byte array a batch is written into. Closing it does nothing, so that closing the
 * compression stream layered on it (which finishes the compressed frame) leaves it usable.
 */
final class BatchBuffer extends OutputStream {
  private byte[] bytes;
  private int size;

  BatchBuffer(int initialCapacity) {
    bytes = new byte[Math.max(initialCapacity, BatchHeader.SIZE)];
  }

  @Override
  public void write(int b) {
    ensureCapacity(size + 1);
    bytes[size++] = (byte) b;
  }

  @Override
  public void write(byte[] source, int offset, int length) {
    ensureCapacity(size + length);
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  /** Appends the remaining bytes of {@code source}. */
  void write(ByteBuffer source) {
    int length = source.remaining();
    ensureCapacity(size + length);
    source.get(bytes, size, length);
    size += length;
  }

  void skip(int length) {
    ensureCapacity(size + length);
    size += length;
  }

  private void ensureCapacity(int capacity) {
    if (capacity > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
    }
  }

  /** The bytes written so far, without copying them. */
  ByteBuffer buffer() {
    return ByteBuffer.wrap(bytes, 0, size);
  }
}
