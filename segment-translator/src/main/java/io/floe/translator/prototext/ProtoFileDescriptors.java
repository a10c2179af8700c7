package io.floe.translator.prototext;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.squareup.wire.Syntax;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ProtoParser;
import com.squareup.wire.schema.internal.parser.TypeElement;
import io.floe.translator.prototext.MessageDescriptors.Unresolved;
import io.floe.translator.prototext.TypeScope.Resolved;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code .proto} file's text, parsed with Wire's parser, as the {@code FileDescriptorProto} protoc
 * would make of it: what a registry that serves a Protobuf schema only as text leaves Floe to build.
 * Messages, enums, fields, oneofs, maps, groups, proto2 defaults, reserved and extension ranges and
 * the options that change how values are written are described; services, extensions and other
 * options are not, as no value needs them.
 */
public final class ProtoFileDescriptors {
  private ProtoFileDescriptors() {}

  /**
   * The descriptor of the file at {@code path} with this text. Its imports are found in
   * {@code imports} by import path, or are Google's well-known files.
   *
   * @throws UnreadableProtoException when the text does not parse, imports a file it is not given,
   *     or names a type that neither it nor the files it sees define
   */
  public static FileDescriptorProto fromText(String path, String text, Map<String, FileDescriptorProto> imports)
      throws UnreadableProtoException {
    ProtoFileElement file = parse(path, text);
    String packageName = file.getPackageName() == null ? "" : file.getPackageName();
    FileDescriptorProto.Builder descriptor = FileDescriptorProto.newBuilder().setName(path);
    if (!packageName.isEmpty()) {
      descriptor.setPackage(packageName);
    }
    descriptor.addAllDependency(file.getImports());
    for (String publicImport : file.getPublicImports()) {
      descriptor.addPublicDependency(descriptor.getDependencyCount()).addDependency(publicImport);
    }
    for (String weakImport : file.getWeakImports()) {
      descriptor.addWeakDependency(descriptor.getDependencyCount()).addDependency(weakImport);
    }
    boolean proto3 = file.getSyntax() == Syntax.PROTO_3;
    if (proto3) {
      // protoc names the syntax only when it is not proto2, the default.
      descriptor.setSyntax("proto3");
    }
    MessageDescriptors messages = new MessageDescriptors(proto3);
    for (TypeElement type : file.getTypes()) {
      if (type instanceof MessageElement message) {
        messages.add(descriptor.addMessageTypeBuilder(), message, packageName);
      } else if (type instanceof EnumElement enumType) {
        descriptor.addEnumType(EnumDescriptors.of(enumType));
      }
    }
    List<FileDescriptorProto> visible = visibleImports(path, descriptor.getDependencyList(), imports);
    visible.add(descriptor.build());
    TypeScope types = new TypeScope(visible);
    for (Unresolved field : messages.unresolved()) {
      Resolved resolved = types.resolve(field.name(), field.scope()).orElseThrow(() -> new UnreadableProtoException(
          field.at() + ": " + field.name() + " names no message or enum of this file or of the files it imports"));
      field.field().setTypeName(resolved.typeName()).setType(resolved.type());
    }
    return descriptor.build();
  }

  private static ProtoFileElement parse(String path, String text) throws UnreadableProtoException {
    try {
      return ProtoParser.Companion.parse(Location.get(path), text);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new UnreadableProtoException(e.getMessage());
    }
  }

  /** The files whose types a file sees, as protoc has it: those it imports, and those they import publicly. */
  private static List<FileDescriptorProto> visibleImports(
      String path, List<String> dependencies, Map<String, FileDescriptorProto> imports) throws UnreadableProtoException {
    List<FileDescriptorProto> visible = new ArrayList<>();
    Deque<String> toSee = new ArrayDeque<>(dependencies);
    Set<String> seen = new HashSet<>();
    while (!toSee.isEmpty()) {
      String dependency = toSee.pop();
      if (seen.add(dependency)) {
        FileDescriptorProto imported = Optional.ofNullable(imports.get(dependency))
            .or(() -> WellKnownFiles.at(dependency).map(FileDescriptor::toProto))
            .orElseThrow(() -> new UnreadableProtoException(
                path + " imports " + dependency + ", which is neither a reference nor google/protobuf/*"));
        visible.add(imported);
        imported.getPublicDependencyList().forEach(index -> toSee.push(imported.getDependency(index)));
      }
    }
    return visible;
  }
}
