package io.floe.translator.value.protobuf;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A proto3 FileDescriptorProto written out as the {@code .proto} text a producer would register:
 * messages and their nested ones, enums, fields with {@code repeated} or {@code optional}, maps as
 * {@code map<K, V>}, oneofs as blocks, types by their full names.
 */
final class ProtoTextWriter {
  private ProtoTextWriter() {}

  static String write(FileDescriptorProto file) {
    StringBuilder text = new StringBuilder("syntax = \"proto3\";\n");
    if (file.hasPackage()) {
      text.append("package ").append(file.getPackage()).append(";\n");
    }
    file.getDependencyList().forEach(dependency -> text.append("import \"").append(dependency).append("\";\n"));
    file.getEnumTypeList().forEach(enumType -> writeEnum(text, enumType, ""));
    file.getMessageTypeList().forEach(message -> writeMessage(text, message, ""));
    return text.toString();
  }

  private static void writeMessage(StringBuilder text, DescriptorProto message, String indent) {
    text.append(indent).append("message ").append(message.getName()).append(" {\n");
    String inner = indent + "  ";
    Set<Integer> writtenOneofs = new HashSet<>();
    for (FieldDescriptorProto field : message.getFieldList()) {
      boolean inRealOneof = field.hasOneofIndex() && !field.getProto3Optional();
      if (!inRealOneof) {
        writeField(text, message, field, inner);
      } else if (writtenOneofs.add(field.getOneofIndex())) {
        text.append(inner).append("oneof ").append(message.getOneofDecl(field.getOneofIndex()).getName()).append(" {\n");
        message.getFieldList().stream()
            .filter(member -> member.hasOneofIndex() && member.getOneofIndex() == field.getOneofIndex())
            .forEach(member -> writeField(text, message, member, inner + "  "));
        text.append(inner).append("}\n");
      }
    }
    message.getEnumTypeList().forEach(enumType -> writeEnum(text, enumType, inner));
    message.getNestedTypeList().stream()
        .filter(nested -> !nested.getOptions().getMapEntry())
        .forEach(nested -> writeMessage(text, nested, inner));
    text.append(indent).append("}\n");
  }

  private static void writeField(StringBuilder text, DescriptorProto message, FieldDescriptorProto field, String indent) {
    text.append(indent);
    Optional<DescriptorProto> mapEntry = message.getNestedTypeList().stream()
        .filter(nested -> nested.getOptions().getMapEntry() && field.getTypeName().endsWith("." + nested.getName()))
        .findFirst();
    if (mapEntry.isPresent()) {
      text.append("map<").append(type(mapEntry.get().getField(0))).append(", ").append(type(mapEntry.get().getField(1))).append('>');
    } else {
      if (field.getLabel() == Label.LABEL_REPEATED) {
        text.append("repeated ");
      } else if (field.getProto3Optional()) {
        text.append("optional ");
      }
      text.append(type(field));
    }
    text.append(' ').append(field.getName()).append(" = ").append(field.getNumber());
    if (field.getOptions().hasPacked()) {
      text.append(" [packed = ").append(field.getOptions().getPacked()).append(']');
    }
    text.append(";\n");
  }

  private static String type(FieldDescriptorProto field) {
    return field.hasTypeName() ? field.getTypeName() : field.getType().name().substring("TYPE_".length()).toLowerCase(Locale.ROOT);
  }

  private static void writeEnum(StringBuilder text, EnumDescriptorProto enumType, String indent) {
    text.append(indent).append("enum ").append(enumType.getName()).append(" {\n");
    for (EnumValueDescriptorProto value : enumType.getValueList()) {
      text.append(indent).append("  ").append(value.getName()).append(" = ").append(value.getNumber()).append(";\n");
    }
    text.append(indent).append("}\n");
  }
}
