package io.floe.translator.value.protobuf;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import io.floe.translator.prototext.WellKnownFiles;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaReference;
import io.floe.translator.value.MalformedValueException;
import io.floe.translator.value.UnsupportedSchemaException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The message type a Protobuf value names: its registered schema's {@code FileDescriptorProto},
 * built against the schemas it imports, and the value's message indexes as a path into that file's
 * message types ({@code [0]} is the file's first message, {@code [1, 2]} the third message nested in
 * the second). Imports of {@code google/protobuf/*} are protobuf-java's own descriptors, whether or
 * not the registry lists them as references.
 */
public final class ProtobufMessageTypes {
  private ProtobufMessageTypes() {}

  /**
   * The message type of a value of {@code schema} with {@code messageIndexes}.
   *
   * @throws UnsupportedSchemaException when the schema or one it imports does not build
   * @throws MalformedValueException when the indexes name no message of the schema
   */
  public static Descriptor of(RegisteredSchema schema, List<Integer> messageIndexes) {
    FileDescriptor file = file(schema, new HashMap<>());
    if (messageIndexes.isEmpty()) {
      throw new MalformedValueException("A value of Protobuf schema " + schema.id() + " names no message type");
    }
    List<Descriptor> candidates = file.getMessageTypes();
    Descriptor message = null;
    for (int index : messageIndexes) {
      if (index < 0 || index >= candidates.size()) {
        throw new MalformedValueException(String.format("Message indexes %s name no message of Protobuf schema %d (%s)",
            messageIndexes, schema.id(), file.getName()));
      }
      message = candidates.get(index);
      candidates = message.getNestedTypes();
    }
    return message;
  }

  /** The schema's file, its imports built once each into {@code built}, by import path. */
  private static FileDescriptor file(RegisteredSchema schema, Map<String, FileDescriptor> built) {
    FileDescriptorProto proto = proto(schema);
    Map<String, SchemaReference> references = schema.references().stream()
        .collect(Collectors.toMap(SchemaReference::name, Function.identity(), (first, second) -> first));
    List<FileDescriptor> dependencies = new ArrayList<>(proto.getDependencyCount());
    for (String dependency : proto.getDependencyList()) {
      FileDescriptor known = WellKnownFiles.at(dependency).orElse(built.get(dependency));
      if (known == null) {
        SchemaReference reference = references.get(dependency);
        if (reference == null) {
          throw new UnsupportedSchemaException(String.format(
              "Cannot build Protobuf schema %d (%s): it imports %s, which is neither a reference nor google/protobuf/*",
              schema.id(), proto.getName(), dependency));
        }
        known = file(reference.schema(), built);
        built.put(dependency, known);
      }
      dependencies.add(known);
    }
    try {
      return FileDescriptor.buildFrom(proto, dependencies.toArray(FileDescriptor[]::new));
    } catch (DescriptorValidationException e) {
      throw new UnsupportedSchemaException(String.format(
          "Cannot build Protobuf schema %d (%s): %s", schema.id(), proto.getName(), e.getMessage()));
    }
  }

  private static FileDescriptorProto proto(RegisteredSchema schema) {
    try {
      return FileDescriptorProto.parseFrom(schema.fileDescriptorProto().orElseThrow(() -> new UnsupportedSchemaException(
          "Cannot build schema " + schema.id() + " as Protobuf: it is " + schema.type())));
    } catch (InvalidProtocolBufferException e) {
      throw new UnsupportedSchemaException(String.format(
          "Cannot build Protobuf schema %d: its FileDescriptorProto does not parse: %s", schema.id(), e.getMessage()));
    }
  }
}
