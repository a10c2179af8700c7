package io.floe.translator.value.json;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The binary form of a {@link TextShape}, as the shape column holds it: a format version, the style
 * in one byte, then unsigned varints: the count of objects with members, each object's ordinal (as
 * the gap from the previous one) and members (0 then name and JSON text, each a length and UTF-8,
 * for an extra property; else the property's index plus one), then the count of integral numbers
 * and their ordinals as gaps.
 */
final class ShapeBytes {
  private static final int VERSION = 1;

  private ShapeBytes() {}

  static byte[] write(TextShape shape) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(VERSION);
    TextStyle style = shape.style();
    out.write(style.layout().ordinal() | style.escapes().ordinal() << 1 | style.numbers().ordinal() << 3);
    SortedMap<Integer, List<Member>> objects = shape.objects();
    varint(out, objects.size());
    int previous = -1;
    for (Map.Entry<Integer, List<Member>> object : objects.entrySet()) {
      varint(out, object.getKey() - previous - 1);
      previous = object.getKey();
      varint(out, object.getValue().size());
      for (Member member : object.getValue()) {
        if (member instanceof Member.Extra extra) {
          varint(out, 0);
          text(out, extra.name());
          text(out, extra.json());
        } else {
          varint(out, ((Member.Known) member).index() + 1);
        }
      }
    }
    BitSet integral = shape.integralNumbers();
    varint(out, integral.cardinality());
    previous = -1;
    for (int number = integral.nextSetBit(0); number >= 0; number = integral.nextSetBit(number + 1)) {
      varint(out, number - previous - 1);
      previous = number;
    }
    return out.toByteArray();
  }

  /** @throws IllegalArgumentException when the bytes are not a shape this version wrote */
  static TextShape read(ByteBuffer bytes) {
    ByteBuffer in = bytes.duplicate();
    try {
      int version = in.get();
      if (version != VERSION) {
        throw new IllegalArgumentException("Cannot read a JSON value's shape: format version " + version + " is not " + VERSION);
      }
      int style = in.get();
      TextStyle textStyle = new TextStyle(Layout.values()[style & 1], Escapes.values()[style >> 1 & 3],
          NumberForm.values()[style >> 3 & 3]);
      SortedMap<Integer, List<Member>> objects = new TreeMap<>();
      int ordinal = -1;
      for (int i = varint(in); i > 0; i--) {
        ordinal += varint(in) + 1;
        List<Member> members = new ArrayList<>();
        for (int m = varint(in); m > 0; m--) {
          int index = varint(in);
          members.add(index == 0 ? new Member.Extra(text(in), text(in)) : new Member.Known(index - 1));
        }
        objects.put(ordinal, members);
      }
      BitSet integral = new BitSet();
      int number = -1;
      for (int i = varint(in); i > 0; i--) {
        number += varint(in) + 1;
        integral.set(number);
      }
      return new TextShape(textStyle, objects, integral);
    } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("Cannot read a JSON value's shape: its " + bytes.remaining() + " bytes are cut short or damaged", e);
    }
  }

  private static void varint(ByteArrayOutputStream out, int value) {
    while ((value & ~0x7F) != 0) {
      out.write(value & 0x7F | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }

  private static int varint(ByteBuffer in) {
    int value = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      byte b = in.get();
      value |= (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("Cannot read a JSON value's shape: a varint runs past 5 bytes");
  }

  private static void text(ByteArrayOutputStream out, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    varint(out, utf8.length);
    out.writeBytes(utf8);
  }

  private static String text(ByteBuffer in) {
    byte[] utf8 = new byte[varint(in)];
    in.get(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
