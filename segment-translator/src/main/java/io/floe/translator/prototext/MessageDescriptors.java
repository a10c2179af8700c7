package io.floe.translator.prototext;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.DescriptorProto.ExtensionRange;
import com.google.protobuf.DescriptorProtos.DescriptorProto.ReservedRange;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.ExtensionsElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.GroupElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.ReservedElement;
import com.squareup.wire.schema.internal.parser.TypeElement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The messages of one {@code .proto} file as protoc describes them: fields and nested types in the
 * order the file declares them, with the entry message protoc makes for each map field, the nested
 * message and field of each proto2 group, and a synthetic oneof for each proto3 {@code optional}
 * field. Field types that are names are left for {@link TypeScope} to resolve, once every type of
 * the file is known: {@link #unresolved()}.
 */
final class MessageDescriptors {
  private static final Map<String, Type> SCALARS = Map.ofEntries(
      Map.entry("double", Type.TYPE_DOUBLE), Map.entry("float", Type.TYPE_FLOAT), Map.entry("int64", Type.TYPE_INT64),
      Map.entry("uint64", Type.TYPE_UINT64), Map.entry("int32", Type.TYPE_INT32), Map.entry("fixed64", Type.TYPE_FIXED64),
      Map.entry("fixed32", Type.TYPE_FIXED32), Map.entry("bool", Type.TYPE_BOOL), Map.entry("string", Type.TYPE_STRING),
      Map.entry("bytes", Type.TYPE_BYTES), Map.entry("uint32", Type.TYPE_UINT32), Map.entry("sfixed32", Type.TYPE_SFIXED32),
      Map.entry("sfixed64", Type.TYPE_SFIXED64), Map.entry("sint32", Type.TYPE_SINT32), Map.entry("sint64", Type.TYPE_SINT64));
  private static final Comparator<Declaration> IN_FILE_ORDER = Comparator
      .<Declaration>comparingInt(declaration -> declaration.at().getLine())
      .thenComparingInt(declaration -> declaration.at().getColumn());

  /** A field whose type is a name, written in {@code scope} (the full name of its message), at {@code at}. */
  record Unresolved(FieldDescriptorProto.Builder field, String name, String scope, Location at) {}

  /** What a message declares that becomes a field, a nested type or both, where the file declares it. */
  private sealed interface Declaration {
    Location at();
  }

  private record FieldDeclaration(FieldElement field, Optional<Integer> oneof) implements Declaration {
    @Override
    public Location at() {
      return field.getLocation();
    }
  }

  private record GroupDeclaration(GroupElement group, Optional<Integer> oneof) implements Declaration {
    @Override
    public Location at() {
      return group.getLocation();
    }
  }

  private record NestedMessage(MessageElement message) implements Declaration {
    @Override
    public Location at() {
      return message.getLocation();
    }
  }

  private final boolean proto3;
  private final List<Unresolved> unresolved = new ArrayList<>();

  MessageDescriptors(boolean proto3) {
    this.proto3 = proto3;
  }

  /** Fields whose types are still names, each in the builder {@link #add} gave it. */
  List<Unresolved> unresolved() {
    return List.copyOf(unresolved);
  }

  /** Describes {@code element}, declared in {@code scope} (a package or a message's full name), into {@code message}. */
  void add(DescriptorProto.Builder message, MessageElement element, String scope) throws UnreadableProtoException {
    String name = TypeScope.qualify(scope, element.getName());
    message.setName(element.getName());
    List<Declaration> declarations = new ArrayList<>();
    element.getFields().forEach(field -> declarations.add(new FieldDeclaration(field, Optional.empty())));
    element.getGroups().forEach(group -> declarations.add(new GroupDeclaration(group, Optional.empty())));
    List<OneOfElement> oneofs = element.getOneOfs();
    for (int index = 0; index < oneofs.size(); index++) {
      Optional<Integer> oneof = Optional.of(index);
      message.addOneofDeclBuilder().setName(oneofs.get(index).getName());
      oneofs.get(index).getFields().forEach(field -> declarations.add(new FieldDeclaration(field, oneof)));
      oneofs.get(index).getGroups().forEach(group -> declarations.add(new GroupDeclaration(group, oneof)));
    }
    for (TypeElement nested : element.getNestedTypes()) {
      if (nested instanceof MessageElement nestedMessage) {
        declarations.add(new NestedMessage(nestedMessage));
      } else if (nested instanceof EnumElement nestedEnum) {
        message.addEnumType(EnumDescriptors.of(nestedEnum));
      }
    }
    // Wire keeps fields, oneofs, groups and nested messages apart; protoc lists fields and nested
    // types (a map's entry, a group's message among them) as declared, and message indexes count them.
    declarations.sort(IN_FILE_ORDER);
    for (Declaration declaration : declarations) {
      if (declaration instanceof FieldDeclaration field) {
        addField(message, field.field(), field.oneof(), name);
      } else if (declaration instanceof GroupDeclaration group) {
        addGroup(message, group.group(), group.oneof(), name);
      } else {
        add(message.addNestedTypeBuilder(), ((NestedMessage) declaration).message(), name);
      }
    }
    addRanges(message, element);
    addSyntheticOneofs(message);
    MessageOptions.Builder options = MessageOptions.newBuilder();
    OptionFlags.flag(element.getOptions(), "map_entry").ifPresent(options::setMapEntry);
    OptionFlags.flag(element.getOptions(), "message_set_wire_format").ifPresent(options::setMessageSetWireFormat);
    if (options.hasMapEntry() || options.hasMessageSetWireFormat()) {
      message.setOptions(options);
    }
  }

  private void addField(DescriptorProto.Builder message, FieldElement element, Optional<Integer> oneof, String scope)
      throws UnreadableProtoException {
    FieldDescriptorProto.Builder field = message.addFieldBuilder()
        .setName(element.getName())
        .setNumber(element.getTag())
        .setJsonName(element.getJsonName() != null ? element.getJsonName() : ProtocNames.jsonName(element.getName()));
    oneof.ifPresent(field::setOneofIndex);
    if (element.getType().startsWith("map<")) {
      addMapEntry(message, field, element, scope);
    } else {
      field.setLabel(label(element.getLabel()));
      if (proto3 && element.getLabel() == Field.Label.OPTIONAL && oneof.isEmpty()) {
        field.setProto3Optional(true);
      }
      setType(field, element.getType(), scope, element.getLocation());
    }
    if (element.getDefaultValue() != null) {
      try {
        field.setDefaultValue(field.hasType()
            ? DefaultValues.of(field.getType(), element.getDefaultValue())
            : element.getDefaultValue());
      } catch (NumberFormatException e) {
        throw new UnreadableProtoException(element.getLocation() + ": the default of " + element.getName()
            + " is not a number: " + element.getDefaultValue());
      }
    }
    OptionFlags.flag(element.getOptions(), "packed")
        .ifPresent(packed -> field.setOptions(FieldOptions.newBuilder().setPacked(packed)));
  }

  /** protoc's entry message for {@code map<K, V> name}, nested where the field is declared: key 1, value 2. */
  private void addMapEntry(DescriptorProto.Builder message, FieldDescriptorProto.Builder field, FieldElement element, String scope) {
    String entryName = ProtocNames.mapEntryName(element.getName());
    String entryScope = TypeScope.qualify(scope, entryName);
    field.setLabel(Label.LABEL_REPEATED).setType(Type.TYPE_MESSAGE).setTypeName("." + entryScope);
    String keyAndValue = element.getType().substring("map<".length(), element.getType().length() - 1);
    int comma = keyAndValue.indexOf(',');
    DescriptorProto.Builder entry = message.addNestedTypeBuilder()
        .setName(entryName)
        .setOptions(MessageOptions.newBuilder().setMapEntry(true));
    setType(entry.addFieldBuilder().setName("key").setNumber(1).setLabel(Label.LABEL_OPTIONAL).setJsonName("key"),
        keyAndValue.substring(0, comma).strip(), entryScope, element.getLocation());
    setType(entry.addFieldBuilder().setName("value").setNumber(2).setLabel(Label.LABEL_OPTIONAL).setJsonName("value"),
        keyAndValue.substring(comma + 1).strip(), entryScope, element.getLocation());
  }

  /** A proto2 group: a nested message of the group's name, and a field of it named in lower case. */
  private void addGroup(DescriptorProto.Builder message, GroupElement group, Optional<Integer> oneof, String scope)
      throws UnreadableProtoException {
    String fieldName = ProtocNames.groupFieldName(group.getName());
    String groupScope = TypeScope.qualify(scope, group.getName());
    FieldDescriptorProto.Builder field = message.addFieldBuilder()
        .setName(fieldName)
        .setNumber(group.getTag())
        .setLabel(label(group.getLabel()))
        .setType(Type.TYPE_GROUP)
        .setTypeName("." + groupScope)
        .setJsonName(ProtocNames.jsonName(fieldName));
    oneof.ifPresent(field::setOneofIndex);
    DescriptorProto.Builder type = message.addNestedTypeBuilder().setName(group.getName());
    for (FieldElement groupField : group.getFields()) {
      addField(type, groupField, Optional.empty(), groupScope);
    }
  }

  private void setType(FieldDescriptorProto.Builder field, String type, String scope, Location at) {
    Type scalar = SCALARS.get(type);
    if (scalar != null) {
      field.setType(scalar);
    } else {
      field.setTypeName(type);
      unresolved.add(new Unresolved(field, type, scope, at));
    }
  }

  private static void addRanges(DescriptorProto.Builder message, MessageElement element) {
    for (ExtensionsElement extensions : element.getExtensions()) {
      NumberRanges.ranges(extensions.getValues()).forEach(range ->
          message.addExtensionRange(ExtensionRange.newBuilder().setStart(range.first()).setEnd(range.last() + 1)));
    }
    for (ReservedElement reserved : element.getReserveds()) {
      NumberRanges.ranges(reserved.getValues()).forEach(range ->
          message.addReservedRange(ReservedRange.newBuilder().setStart(range.first()).setEnd(range.last() + 1)));
      message.addAllReservedName(NumberRanges.names(reserved.getValues()));
    }
  }

  /** After the declared oneofs, one per proto3 {@code optional} field, in field order, as protoc adds them. */
  private static void addSyntheticOneofs(DescriptorProto.Builder message) {
    Set<String> taken = new HashSet<>();
    message.getFieldBuilderList().forEach(field -> taken.add(field.getName()));
    message.getOneofDeclBuilderList().forEach(oneof -> taken.add(oneof.getName()));
    for (FieldDescriptorProto.Builder field : message.getFieldBuilderList()) {
      if (field.getProto3Optional()) {
        String name = ProtocNames.syntheticOneofName(field.getName(), taken);
        taken.add(name);
        field.setOneofIndex(message.getOneofDeclCount());
        message.addOneofDeclBuilder().setName(name);
      }
    }
  }

  private static Label label(Field.Label label) {
    if (label == null) {
      return Label.LABEL_OPTIONAL;
    }
    return switch (label) {
      case REQUIRED -> Label.LABEL_REQUIRED;
      case REPEATED -> Label.LABEL_REPEATED;
      case OPTIONAL, ONE_OF -> Label.LABEL_OPTIONAL;
    };
  }
}
