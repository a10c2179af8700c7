package io.floe.translator.prototext;

import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto.EnumReservedRange;
import com.google.protobuf.DescriptorProtos.EnumOptions;
import com.squareup.wire.schema.internal.parser.EnumConstantElement;
import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.ReservedElement;

/** An enum of a {@code .proto} file as protoc describes it. */
final class EnumDescriptors {
  private EnumDescriptors() {}

  static EnumDescriptorProto of(EnumElement element) {
    EnumDescriptorProto.Builder descriptor = EnumDescriptorProto.newBuilder().setName(element.getName());
    for (EnumConstantElement constant : element.getConstants()) {
      descriptor.addValueBuilder().setName(constant.getName()).setNumber(constant.getTag());
    }
    for (ReservedElement reserved : element.getReserveds()) {
      // Unlike a message's, an enum's reserved ranges include their end.
      NumberRanges.ranges(reserved.getValues()).forEach(range ->
          descriptor.addReservedRange(EnumReservedRange.newBuilder().setStart(range.first()).setEnd(range.last())));
      descriptor.addAllReservedName(NumberRanges.names(reserved.getValues()));
    }
    OptionFlags.flag(element.getOptions(), "allow_alias")
        .ifPresent(allowAlias -> descriptor.setOptions(EnumOptions.newBuilder().setAllowAlias(allowAlias)));
    return descriptor.build();
  }
}
