package io.floe.translator.value.avro;

import io.floe.translator.value.MalformedValueException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Avro's binary encoding, read from one payload. It knows its byte position (a recursive sub-value
 * is kept as its own bytes), and checks every length and count against the bytes left, so that a
 * damaged payload fails at once instead of allocating what it claims.
 */
final class AvroInput {
  private static final int MAX_INT_BYTES = 5;
  private static final int MAX_LONG_BYTES = 10;

  private final byte[] bytes;
  private int position;

  AvroInput(byte[] bytes) {
    this.bytes = bytes;
  }

  int position() {
    return position;
  }

  boolean atEnd() {
    return position == bytes.length;
  }

  /** A copy of the bytes from {@code start} to the current position. */
  byte[] bytesSince(int start) {
    return Arrays.copyOfRange(bytes, start, position);
  }

  boolean readBoolean() {
    int b = readByte();
    if (b > 1) {
      throw malformed("a boolean is byte 0 or 1, not " + b);
    }
    return b == 1;
  }

  int readInt() {
    int raw = 0;
    for (int i = 0; i < MAX_INT_BYTES; i++) {
      int b = readByte();
      raw |= (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (i == MAX_INT_BYTES - 1 && b > 0x0F) {
          throw malformed("an int varint carries more than 32 bits");
        }
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw malformed("an int varint is longer than " + MAX_INT_BYTES + " bytes");
  }

  long readLong() {
    long raw = 0;
    for (int i = 0; i < MAX_LONG_BYTES; i++) {
      long b = readByte();
      raw |= (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (i == MAX_LONG_BYTES - 1 && b > 0x01) {
          throw malformed("a long varint carries more than 64 bits");
        }
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw malformed("a long varint is longer than " + MAX_LONG_BYTES + " bytes");
  }

  float readFloat() {
    return Float.intBitsToFloat((int) readLittleEndian(4));
  }

  double readDouble() {
    return Double.longBitsToDouble(readLittleEndian(8));
  }

  byte[] readBytes() {
    return readFixed(length(readLong(), "bytes"));
  }

  String readString() {
    int length = length(readLong(), "string");
    String string = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return string;
  }

  byte[] readFixed(int size) {
    require(size);
    byte[] fixed = Arrays.copyOfRange(bytes, position, position + size);
    position += size;
    return fixed;
  }

  void skip(int size) {
    require(size);
    position += size;
  }

  void skipBytes() {
    skip(length(readLong(), "bytes"));
  }

  /**
   * The item count of the next block of an array or map, 0 at the end. A negative count is
   * followed by the block's size in bytes, which a reader that decodes every item does not need.
   */
  long readBlockCount() {
    long count = readLong();
    if (count < 0) {
      readLong();
      count = -count;
    }
    // Every item of a type Floe maps takes at least one byte.
    if (count < 0 || count > remaining()) {
      throw malformed("a block claims " + count + " items with " + remaining() + " bytes left");
    }
    return count;
  }

  MalformedValueException malformed(String problem) {
    return new MalformedValueException("at byte " + position + ": " + problem);
  }

  private int length(long length, String what) {
    if (length < 0 || length > remaining()) {
      throw malformed("a " + what + " length of " + length + " with " + remaining() + " bytes left");
    }
    return (int) length;
  }

  private long readLittleEndian(int size) {
    require(size);
    long value = 0;
    for (int i = 0; i < size; i++) {
      value |= (bytes[position + i] & 0xFFL) << (8 * i);
    }
    position += size;
    return value;
  }

  private int readByte() {
    require(1);
    return bytes[position++] & 0xFF;
  }

  private void require(int size) {
    if (size > remaining()) {
      throw malformed("needs " + size + " more bytes, " + remaining() + " left");
    }
  }

  private int remaining() {
    return bytes.length - position;
  }
}
