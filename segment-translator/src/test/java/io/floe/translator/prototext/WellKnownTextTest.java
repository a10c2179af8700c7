package io.floe.translator.prototext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.AnyProto;
import com.google.protobuf.ApiProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Google's well-known files, whose text protobuf-java ships beside the descriptors protoc compiled
 * from it: read from text, each is the descriptor protoc made, but for the options no value needs.
 */
class WellKnownTextTest {
  static Stream<FileDescriptor> wellKnownFiles() {
    return Stream.of(AnyProto.getDescriptor(), ApiProto.getDescriptor(), DescriptorProtos.getDescriptor(),
        DurationProto.getDescriptor(), EmptyProto.getDescriptor(), FieldMaskProto.getDescriptor(),
        SourceContextProto.getDescriptor(), StructProto.getDescriptor(), TimestampProto.getDescriptor(),
        TypeProto.getDescriptor(), WrappersProto.getDescriptor());
  }

  @ParameterizedTest
  @MethodSource("wellKnownFiles")
  void theTextOfAWellKnownFileGivesTheDescriptorProtocMadeOfIt(FileDescriptor compiled) throws Exception {
    FileDescriptorProto fromText = ProtoFileDescriptors.fromText(compiled.getName(), text(compiled.getName()), Map.of());

    assertEquals(ProtocOptions.carried(compiled.toProto()), fromText);
  }

  private static String text(String path) throws IOException {
    try (InputStream in = FileDescriptor.class.getResourceAsStream("/" + path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
