package io.floe.translator.value.protobuf;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.WrappersProto;

/** Schemas as the registry serves them, built in tests with {@code DescriptorProtos}, and values of them. */
final class Protos {
  private Protos() {}

  /**
   * A proto3 file {@code name}.proto in package {@code acme} with these messages and the enum
   * {@code acme.Status} ({@code NEW}, {@code PAID}); it may use Timestamp and the wrappers.
   */
  static FileDescriptorProto proto3(String name, DescriptorProto... messages) {
    FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder()
        .setName(name + ".proto").setPackage("acme").setSyntax("proto3")
        .addDependency(TimestampProto.getDescriptor().getName())
        .addDependency(WrappersProto.getDescriptor().getName())
        .addEnumType(EnumDescriptorProto.newBuilder().setName("Status")
            .addValue(EnumValueDescriptorProto.newBuilder().setName("NEW").setNumber(0))
            .addValue(EnumValueDescriptorProto.newBuilder().setName("PAID").setNumber(1)));
    for (DescriptorProto message : messages) {
      file.addMessageType(message);
    }
    return file.build();
  }

  static FileDescriptor build(FileDescriptorProto proto, FileDescriptor... imports) {
    FileDescriptor[] dependencies = imports.length > 0 ? imports
        : new FileDescriptor[] {TimestampProto.getDescriptor(), WrappersProto.getDescriptor()};
    try {
      return FileDescriptor.buildFrom(proto, dependencies);
    } catch (DescriptorValidationException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The first message of a proto3 file of these messages. */
  static Descriptor message(DescriptorProto... messages) {
    return build(proto3("test", messages)).getMessageTypes().get(0);
  }

  static DescriptorProto.Builder type(String name, FieldDescriptorProto.Builder... fields) {
    DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(name);
    for (FieldDescriptorProto.Builder field : fields) {
      message.addField(field);
    }
    return message;
  }

  /** A singular field without presence (proto3's default). */
  static FieldDescriptorProto.Builder field(String name, int number, Type type) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(Label.LABEL_OPTIONAL);
  }

  /** A field of a message or enum type, {@code typeName} fully qualified with a leading dot. */
  static FieldDescriptorProto.Builder field(String name, int number, Type type, String typeName) {
    return field(name, number, type).setTypeName(typeName);
  }

  static FieldDescriptorProto.Builder repeated(FieldDescriptorProto.Builder field) {
    return field.setLabel(Label.LABEL_REPEATED);
  }

  /** The map entry type {@code map<K, V> name} needs, nested in the message that has the field. */
  static DescriptorProto mapEntry(String entryName, FieldDescriptorProto.Builder key, FieldDescriptorProto.Builder value) {
    return type(entryName, key.setName("key").setNumber(1), value.setName("value").setNumber(2))
        .setOptions(MessageOptions.newBuilder().setMapEntry(true))
        .build();
  }

  static DynamicMessage.Builder value(Descriptor message) {
    return DynamicMessage.newBuilder(message);
  }
}
