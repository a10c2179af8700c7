package io.floe.translator.registry;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.floe.translator.prototext.ProtoFileDescriptors;
import io.floe.translator.prototext.UnreadableProtoException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code FileDescriptorProto} of a Protobuf schema a registry serves only as {@code .proto}
 * text, derived as protoc would derive it, with the schemas it refers to as its imports.
 */
final class ProtoTextSchemas {
  /** The file name Confluent's registry gives a schema looked up by id in its serialized answer. */
  static final String ROOT_FILE = "default";

  private ProtoTextSchemas() {}

  /**
   * {@code text}, the file at import path {@code file}, with {@code references} resolved.
   *
   * @throws UnreadableProtoException when the text does not read as protoc would read it
   * @throws InvalidProtocolBufferException when a reference's own descriptor does not parse
   */
  static byte[] fileDescriptorProto(String file, String text, List<SchemaReference> references)
      throws UnreadableProtoException, InvalidProtocolBufferException {
    Map<String, FileDescriptorProto> imports = new HashMap<>();
    addImports(references, imports);
    return ProtoFileDescriptors.fromText(file, text, imports).toByteArray();
  }

  /** Every reference, its own included: a file sees what the files it imports import publicly. */
  private static void addImports(List<SchemaReference> references, Map<String, FileDescriptorProto> imports)
      throws InvalidProtocolBufferException {
    for (SchemaReference reference : references) {
      if (reference.schema().fileDescriptorProto().isPresent() && !imports.containsKey(reference.name())) {
        imports.put(reference.name(), FileDescriptorProto.parseFrom(reference.schema().fileDescriptorProto().get()));
        addImports(reference.schema().references(), imports);
      }
    }
  }
}
