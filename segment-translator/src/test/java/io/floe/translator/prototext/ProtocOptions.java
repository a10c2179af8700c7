package io.floe.translator.prototext;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumOptions;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;

/**
 * A descriptor protoc made, reduced to the options Floe carries over from text: those that change
 * how values are written or whether the file builds. Services and extensions are left out too.
 */
final class ProtocOptions {
  private ProtocOptions() {}

  static FileDescriptorProto carried(FileDescriptorProto file) {
    FileDescriptorProto.Builder reduced = file.toBuilder().clearOptions().clearService().clearExtension();
    reduced.getMessageTypeBuilderList().forEach(ProtocOptions::reduce);
    reduced.getEnumTypeBuilderList().forEach(ProtocOptions::reduce);
    return reduced.build();
  }

  private static void reduce(DescriptorProto.Builder message) {
    MessageOptions options = message.getOptions();
    MessageOptions.Builder kept = MessageOptions.newBuilder();
    if (options.hasMapEntry()) {
      kept.setMapEntry(options.getMapEntry());
    }
    if (options.hasMessageSetWireFormat()) {
      kept.setMessageSetWireFormat(options.getMessageSetWireFormat());
    }
    message.clearOptions().clearExtension();
    if (kept.hasMapEntry() || kept.hasMessageSetWireFormat()) {
      message.setOptions(kept);
    }
    message.getExtensionRangeBuilderList().forEach(range -> range.clearOptions());
    for (FieldDescriptorProto.Builder field : message.getFieldBuilderList()) {
      boolean packed = field.getOptions().hasPacked();
      boolean packedValue = field.getOptions().getPacked();
      field.clearOptions();
      if (packed) {
        field.setOptions(FieldOptions.newBuilder().setPacked(packedValue));
      }
    }
    message.getNestedTypeBuilderList().forEach(ProtocOptions::reduce);
    message.getEnumTypeBuilderList().forEach(ProtocOptions::reduce);
  }

  private static void reduce(EnumDescriptorProto.Builder enumType) {
    boolean alias = enumType.getOptions().hasAllowAlias();
    boolean aliasValue = enumType.getOptions().getAllowAlias();
    enumType.clearOptions();
    if (alias) {
      enumType.setOptions(EnumOptions.newBuilder().setAllowAlias(aliasValue));
    }
    enumType.getValueBuilderList().forEach(value -> value.clearOptions());
  }
}
