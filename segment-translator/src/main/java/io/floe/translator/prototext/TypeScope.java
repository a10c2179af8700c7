package io.floe.translator.prototext;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The message and enum types a file can name, from itself and the files it sees, and a type name
 * resolved among them as protoc resolves it: from the innermost scope it is written in outward.
 */
final class TypeScope {
  private enum Kind {
    PACKAGE,
    MESSAGE,
    ENUM
  }

  /** A resolved type: its full name with the leading dot a {@code type_name} has, and whether it is a message or an enum. */
  record Resolved(String typeName, Type type) {}

  private final Map<String, Kind> symbols = new HashMap<>();

  TypeScope(List<FileDescriptorProto> files) {
    for (FileDescriptorProto file : files) {
      String scope = "";
      for (String part : file.getPackage().isEmpty() ? new String[0] : file.getPackage().split("\\.")) {
        scope = qualify(scope, part);
        symbols.putIfAbsent(scope, Kind.PACKAGE);
      }
      addMessages(scope, file.getMessageTypeList());
      addEnums(scope, file.getEnumTypeList());
    }
  }

  /**
   * {@code name} as written in {@code scope} (the full name of the message that has the field):
   * fully qualified when it starts with a dot; otherwise its first part is looked up in that scope
   * and each enclosing one, and the first that has it is where the whole name must be.
   */
  Optional<Resolved> resolve(String name, String scope) {
    if (name.startsWith(".")) {
      return type(name.substring(1));
    }
    int dot = name.indexOf('.');
    String first = dot < 0 ? name : name.substring(0, dot);
    for (String tried = scope; ; tried = parent(tried)) {
      Kind found = symbols.get(qualify(tried, first));
      if (found != null && (dot >= 0 || found != Kind.PACKAGE)) {
        // protoc stops at the first scope that has the first part, whether or not the rest is there.
        return type(qualify(tried, name));
      }
      if (tried.isEmpty()) {
        return Optional.empty();
      }
    }
  }

  private Optional<Resolved> type(String fullName) {
    Kind kind = symbols.get(fullName);
    if (kind == null || kind == Kind.PACKAGE) {
      return Optional.empty();
    }
    return Optional.of(new Resolved("." + fullName, kind == Kind.MESSAGE ? Type.TYPE_MESSAGE : Type.TYPE_ENUM));
  }

  private void addMessages(String scope, List<DescriptorProto> messages) {
    for (DescriptorProto message : messages) {
      String name = qualify(scope, message.getName());
      symbols.put(name, Kind.MESSAGE);
      addMessages(name, message.getNestedTypeList());
      addEnums(name, message.getEnumTypeList());
    }
  }

  private void addEnums(String scope, List<EnumDescriptorProto> enums) {
    for (EnumDescriptorProto enumType : enums) {
      symbols.put(qualify(scope, enumType.getName()), Kind.ENUM);
    }
  }

  static String qualify(String scope, String name) {
    return scope.isEmpty() ? name : scope + "." + name;
  }

  private static String parent(String scope) {
    int dot = scope.lastIndexOf('.');
    return dot < 0 ? "" : scope.substring(0, dot);
  }
}
