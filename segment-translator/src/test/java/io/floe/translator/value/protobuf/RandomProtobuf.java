package io.floe.translator.value.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random message types from a small grammar (every scalar kind, enums, nested and repeated messages,
 * repeated scalars, maps, oneofs, Timestamp, wrappers, a message inside itself, nested up to three
 * levels), and random values of a type as protobuf-java's {@code DynamicMessage} holds them.
 */
final class RandomProtobuf {
  private static final int MAX_DEPTH = 3;
  private static final List<Type> SCALARS = List.of(Type.TYPE_INT32, Type.TYPE_INT64, Type.TYPE_UINT32, Type.TYPE_UINT64,
      Type.TYPE_SINT32, Type.TYPE_SINT64, Type.TYPE_FIXED32, Type.TYPE_FIXED64, Type.TYPE_SFIXED32, Type.TYPE_SFIXED64,
      Type.TYPE_FLOAT, Type.TYPE_DOUBLE, Type.TYPE_BOOL, Type.TYPE_STRING, Type.TYPE_BYTES);
  private static final List<String> WRAPPERS = List.of(".google.protobuf.Int32Value", ".google.protobuf.UInt64Value",
      ".google.protobuf.StringValue", ".google.protobuf.BytesValue", ".google.protobuf.DoubleValue");

  private RandomProtobuf() {}

  /** The shape of a message: its fields, in order. */
  record Shape(List<Field> fields) {}

  enum Kind { SCALAR, ENUM, MESSAGE, REPEATED_SCALAR, REPEATED_MESSAGE, MAP, ONEOF, TIMESTAMP, WRAPPER, SELF }

  /** A field ({@code ONEOF}: two fields in one oneof); {@code nested} is the shape of a message field. */
  record Field(Kind kind, Type scalar, int wrapper, Shape nested) {}

  static Arbitrary<Descriptor> messages() {
    return shapes(0).map(RandomProtobuf::build);
  }

  private static Arbitrary<Shape> shapes(int depth) {
    return fields(depth).list().ofMinSize(1).ofMaxSize(5).map(Shape::new);
  }

  private static Arbitrary<Field> fields(int depth) {
    Arbitrary<Kind> kinds = depth + 1 < MAX_DEPTH ? Arbitraries.of(Kind.class)
        : Arbitraries.of(Kind.SCALAR, Kind.ENUM, Kind.REPEATED_SCALAR, Kind.MAP, Kind.ONEOF, Kind.TIMESTAMP, Kind.WRAPPER, Kind.SELF);
    return kinds.flatMap(kind -> {
      Arbitrary<Shape> nested = kind == Kind.MESSAGE || kind == Kind.REPEATED_MESSAGE
          ? Arbitraries.lazy(() -> shapes(depth + 1)) : Arbitraries.just(null);
      return nested.flatMap(shape -> Arbitraries.of(SCALARS).flatMap(scalar ->
          Arbitraries.integers().between(0, WRAPPERS.size() - 1).map(wrapper -> new Field(kind, scalar, wrapper, shape))));
    });
  }

  private static Descriptor build(Shape shape) {
    FileDescriptorProto.Builder file = Protos.proto3("random").toBuilder();
    add(file, shape);
    return Protos.build(file.build()).getMessageTypes().get(0);
  }

  /** Adds the message of {@code shape} and those nested in it to the file; its name. */
  private static String add(FileDescriptorProto.Builder file, Shape shape) {
    String name = "M" + file.getMessageTypeCount();
    DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(name);
    int index = file.getMessageTypeCount();
    file.addMessageType(message);
    for (Field field : shape.fields()) {
      int number = message.getFieldCount() + 1;
      String fieldName = "f" + number;
      switch (field.kind()) {
        case SCALAR -> message.addField(Protos.field(fieldName, number, field.scalar()));
        case ENUM -> message.addField(Protos.field(fieldName, number, Type.TYPE_ENUM, ".acme.Status"));
        case MESSAGE -> message.addField(Protos.field(fieldName, number, Type.TYPE_MESSAGE, ".acme." + add(file, field.nested())));
        case REPEATED_SCALAR -> message.addField(Protos.repeated(Protos.field(fieldName, number, field.scalar())));
        case REPEATED_MESSAGE -> message.addField(
            Protos.repeated(Protos.field(fieldName, number, Type.TYPE_MESSAGE, ".acme." + add(file, field.nested()))));
        case MAP -> {
          String entry = "F" + number + "Entry";
          Type key = field.scalar() == Type.TYPE_FLOAT || field.scalar() == Type.TYPE_DOUBLE || field.scalar() == Type.TYPE_BYTES
              ? Type.TYPE_STRING : field.scalar();
          message.addNestedType(Protos.mapEntry(entry, Protos.field("", 0, key), Protos.field("", 0, Type.TYPE_INT64)));
          message.addField(Protos.repeated(Protos.field(fieldName, number, Type.TYPE_MESSAGE, "." + "acme." + name + "." + entry)));
        }
        case ONEOF -> {
          int oneof = message.getOneofDeclCount();
          message.addOneofDecl(OneofDescriptorProto.newBuilder().setName("choice" + oneof));
          message.addField(Protos.field(fieldName, number, field.scalar()).setOneofIndex(oneof));
          message.addField(Protos.field("f" + (number + 1), number + 1, Type.TYPE_STRING).setOneofIndex(oneof));
        }
        case TIMESTAMP -> message.addField(Protos.field(fieldName, number, Type.TYPE_MESSAGE, ".google.protobuf.Timestamp"));
        case WRAPPER -> message.addField(Protos.field(fieldName, number, Type.TYPE_MESSAGE, WRAPPERS.get(field.wrapper())));
        case SELF -> message.addField(Protos.field(fieldName, number, Type.TYPE_MESSAGE, ".acme." + name));
      }
    }
    file.setMessageType(index, message);
    return name;
  }

  /** A random value of {@code message}, nesting at most {@code depth} more messages. */
  static DynamicMessage value(Descriptor message, Random random, int depth) {
    DynamicMessage.Builder value = DynamicMessage.newBuilder(message);
    Set<OneofDescriptor> chosen = new HashSet<>();
    for (FieldDescriptor field : message.getFields()) {
      OneofDescriptor oneof = field.getRealContainingOneof();
      boolean isMessage = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
      if (random.nextBoolean() || (oneof != null && !chosen.add(oneof)) || (isMessage && depth == 0 && !field.isRepeated())) {
        continue;
      }
      if (field.isMapField()) {
        Set<Object> keys = new HashSet<>();
        Descriptor entry = field.getMessageType();
        for (int i = random.nextInt(4); i > 0; i--) {
          Object key = single(entry.getFields().get(0), random, depth);
          if (keys.add(key)) {
            value.addRepeatedField(field, DynamicMessage.newBuilder(entry).setField(entry.getFields().get(0), key)
                .setField(entry.getFields().get(1), single(entry.getFields().get(1), random, depth)).build());
          }
        }
      } else if (field.isRepeated()) {
        for (int i = isMessage && depth == 0 ? 0 : random.nextInt(4); i > 0; i--) {
          value.addRepeatedField(field, single(field, random, depth));
        }
      } else {
        value.setField(field, single(field, random, depth));
      }
    }
    return value.build();
  }

  private static Object single(FieldDescriptor field, Random random, int depth) {
    return switch (field.getJavaType()) {
      case INT -> random.nextBoolean() ? random.nextInt(300) - 100 : random.nextInt();
      case LONG -> random.nextBoolean() ? (long) random.nextInt(300) - 100 : random.nextLong();
      case FLOAT -> {
        float f = Float.intBitsToFloat(random.nextInt());
        yield Float.isNaN(f) ? Float.NaN : f;
      }
      case DOUBLE -> {
        double d = Double.longBitsToDouble(random.nextLong());
        yield Double.isNaN(d) ? Double.NaN : d;
      }
      case BOOLEAN -> random.nextBoolean();
      case STRING -> text(random);
      case BYTE_STRING -> {
        byte[] bytes = new byte[random.nextInt(6)];
        random.nextBytes(bytes);
        yield ByteString.copyFrom(bytes);
      }
      case ENUM -> field.getEnumType().getValues().get(random.nextInt(field.getEnumType().getValues().size()));
      case MESSAGE -> message(field.getMessageType(), random, depth);
    };
  }

  private static DynamicMessage message(Descriptor type, Random random, int depth) {
    if (type.getFullName().equals(ProtobufDescriptorVisitor.TIMESTAMP)) {
      return DynamicMessage.newBuilder(type)
          .setField(type.findFieldByName("seconds"), random.nextLong() % 100_000_000_000L)
          .setField(type.findFieldByName("nanos"), random.nextInt(1_000_000) * 1000)
          .build();
    }
    return value(type, random, depth - 1);
  }

  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(5); i > 0; i--) {
      int codePoint = switch (random.nextInt(3)) {
        case 0 -> 'a' + random.nextInt(26);
        case 1 -> 0x80 + random.nextInt(0xD7FF - 0x80);
        default -> 0x10000 + random.nextInt(0x10FFFF - 0x10000);
      };
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }
}
