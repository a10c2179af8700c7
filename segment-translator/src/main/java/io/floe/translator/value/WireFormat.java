package io.floe.translator.value;

import io.floe.translator.registry.SchemaType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The framing schema-registry serializers put in front of a value: magic byte 0, the schema id as a
 * 4-byte big-endian int, for Protobuf the message-index list (a zig-zag varint count, then that many
 * zig-zag varint indexes; the single byte 0 stands for {@code [0]}), then the payload.
 *
 * <p>Only canonical framing parses, so that {@code encode(parse(v))} is always {@code v}: the fetch
 * path can then rebuild a value's framing from its schema id and message indexes alone. Anything
 * else is a value without a schema id, which Floe keeps raw.
 */
public final class WireFormat {
  private static final byte MAGIC = 0;
  private static final int SCHEMA_ID_END = 5;
  private static final int MAX_VARINT_BYTES = 5;

  private WireFormat() {}

  /**
   * The schema id the value's framing names, or empty when it does not start with one: what a
   * value's writer schema is looked up by before its framing can be {@link #parse parsed} whole.
   */
  public static OptionalInt schemaId(byte[] value) {
    if (value == null || value.length < SCHEMA_ID_END || value[0] != MAGIC) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(ByteBuffer.wrap(value, 1, Integer.BYTES).getInt());
  }

  /** The value taken apart, or empty when it does not start with a schema id in canonical framing. */
  public static Optional<WireValue> parse(byte[] value, SchemaType format) {
    OptionalInt schemaId = schemaId(value);
    if (schemaId.isEmpty()) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(value);
    in.position(SCHEMA_ID_END);
    List<Integer> indexes = List.of();
    if (format.hasMessageIndexes()) {
      Optional<List<Integer>> read = messageIndexes(in);
      if (read.isEmpty()) {
        return Optional.empty();
      }
      indexes = read.get();
    }
    WireValue parsed = new WireValue(schemaId.getAsInt(), indexes, Arrays.copyOfRange(value, in.position(), value.length));
    byte[] framing = framing(parsed);
    return Arrays.equals(framing, 0, framing.length, value, 0, in.position()) ? Optional.of(parsed) : Optional.empty();
  }

  /** The value's bytes: framing, then payload. Message indexes are written when there are any. */
  public static byte[] encode(WireValue value) {
    byte[] framing = framing(value);
    byte[] bytes = Arrays.copyOf(framing, framing.length + value.payload().length);
    System.arraycopy(value.payload(), 0, bytes, framing.length, value.payload().length);
    return bytes;
  }

  private static byte[] framing(WireValue value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(SCHEMA_ID_END + 2);
    out.write(MAGIC);
    out.writeBytes(ByteBuffer.allocate(4).putInt(value.schemaId()).array());
    List<Integer> indexes = value.messageIndexes();
    if (indexes.equals(List.of(0))) {
      out.write(0);
    } else if (!indexes.isEmpty()) {
      writeZigZag(indexes.size(), out);
      indexes.forEach(index -> writeZigZag(index, out));
    }
    return out.toByteArray();
  }

  private static Optional<List<Integer>> messageIndexes(ByteBuffer in) {
    OptionalInt count = readZigZag(in);
    // Every index takes at least one byte: a count beyond the bytes left is not a value's.
    if (count.isEmpty() || count.getAsInt() < 0 || count.getAsInt() > in.remaining()) {
      return Optional.empty();
    }
    if (count.getAsInt() == 0) {
      return Optional.of(List.of(0));
    }
    List<Integer> indexes = new ArrayList<>(count.getAsInt());
    for (int i = 0; i < count.getAsInt(); i++) {
      OptionalInt index = readZigZag(in);
      if (index.isEmpty()) {
        return Optional.empty();
      }
      indexes.add(index.getAsInt());
    }
    return Optional.of(indexes);
  }

  private static OptionalInt readZigZag(ByteBuffer in) {
    int raw = 0;
    for (int i = 0; i < MAX_VARINT_BYTES && in.hasRemaining(); i++) {
      int b = in.get();
      raw |= (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return OptionalInt.of((raw >>> 1) ^ -(raw & 1));
      }
    }
    return OptionalInt.empty();
  }

  private static void writeZigZag(int value, ByteArrayOutputStream out) {
    int v = (value << 1) ^ (value >> 31);
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }
}
