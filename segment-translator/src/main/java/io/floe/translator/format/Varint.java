package io.floe.translator.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Zig-zag variable-length integers as the v2 record format uses them (protobuf encoding).
 *
 * <p>Writers emit one byte per call on purpose: Kafka's producer does the same, and the boundaries
 * of writes into a buffered compression stream decide where blocks split, so matching them is what
 * lets a recompressed batch come out byte-identical.
 */
final class Varint {
  private static final int MAX_VARINT_BYTES = 5;
  private static final int MAX_VARLONG_BYTES = 10;

  private Varint() {}

  static int readInt(ByteBuffer in) {
    int raw = 0;
    for (int i = 0; i < MAX_VARINT_BYTES; i++) {
      int b = in.get();
      raw |= (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new MalformedRecordsException("varint longer than " + MAX_VARINT_BYTES + " bytes");
  }

  static long readLong(ByteBuffer in) {
    long raw = 0;
    for (int i = 0; i < MAX_VARLONG_BYTES; i++) {
      long b = in.get();
      raw |= (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new MalformedRecordsException("varlong longer than " + MAX_VARLONG_BYTES + " bytes");
  }

  static void writeInt(int value, OutputStream out) throws IOException {
    int v = (value << 1) ^ (value >> 31);
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  static void writeLong(long value, OutputStream out) throws IOException {
    long v = (value << 1) ^ (value >> 63);
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  static int sizeOfInt(int value) {
    int v = (value << 1) ^ (value >> 31);
    int bytes = 1;
    while ((v & ~0x7F) != 0) {
      bytes++;
      v >>>= 7;
    }
    return bytes;
  }

  static int sizeOfLong(long value) {
    long v = (value << 1) ^ (value >> 63);
    int bytes = 1;
    while ((v & ~0x7FL) != 0) {
      bytes++;
      v >>>= 7;
    }
    return bytes;
  }
}
