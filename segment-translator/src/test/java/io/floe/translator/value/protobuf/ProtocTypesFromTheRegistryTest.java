package io.floe.translator.value.protobuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Field;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.NullValue;
import com.google.protobuf.Option;
import com.google.protobuf.SourceContext;
import com.google.protobuf.Struct;
import com.google.protobuf.StructProto;
import com.google.protobuf.Syntax;
import com.google.protobuf.Type;
import com.google.protobuf.TypeProto;
import com.google.protobuf.Value;
import io.floe.translator.registry.ConfluentRegistryServer;
import io.floe.translator.registry.ConfluentRegistryServer.Reference;
import io.floe.translator.registry.ConfluentRegistryServer.SerializedProtobuf;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.RegistrySettings;
import io.floe.translator.registry.SchemaRegistryClient;
import io.floe.translator.value.ParquetRoundTrip;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Values written by classes protoc generated, of schemas registered as their {@code .proto} text:
 * typed with the schema as the registry serves it, serialized or only as text, and the same bytes
 * again from their Parquet columns. The schemas are Google's: Struct (proto3: a map, a oneof, an
 * enum, recursion), Type (proto3: imports, repeated messages, nested enums), descriptor.proto's
 * FileDescriptorProto and DescriptorProto.ReservedRange (proto2: nested messages, enums, defaults,
 * packed and required fields), and a message of a file that imports Struct's as a registered
 * reference.
 */
class ProtocTypesFromTheRegistryTest {
  private static final String EVENT_PROTO = """
      syntax = "proto3";
      package acme;

      import "acme/struct.proto";

      message Event {
        string name = 1;
        google.protobuf.Struct payload = 2;
      }
      """;
  /** What protoc makes of {@link #EVENT_PROTO}. */
  private static final FileDescriptorProto EVENT_DESCRIPTOR = FileDescriptorProto.newBuilder()
      .setName("default").setPackage("acme").setSyntax("proto3").addDependency("acme/struct.proto")
      .addMessageType(DescriptorProto.newBuilder().setName("Event")
          .addField(FieldDescriptorProto.newBuilder().setName("name").setNumber(1).setLabel(Label.LABEL_OPTIONAL)
              .setType(FieldDescriptorProto.Type.TYPE_STRING).setJsonName("name"))
          .addField(FieldDescriptorProto.newBuilder().setName("payload").setNumber(2).setLabel(Label.LABEL_OPTIONAL)
              .setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(".google.protobuf.Struct").setJsonName("payload")))
      .build();

  private final ConfluentRegistryServer registry = ConfluentRegistryServer.start();

  @TempDir
  Path dir;

  ProtocTypesFromTheRegistryTest() throws IOException {}

  @AfterEach
  void stop() {
    registry.close();
  }

  @ParameterizedTest
  @EnumSource(SerializedProtobuf.class)
  void structValuesComeBackExactly(SerializedProtobuf answer) throws IOException {
    Struct struct = Struct.newBuilder()
        .putFields("name", Value.newBuilder().setStringValue("ada").build())
        .putFields("age", Value.newBuilder().setNumberValue(36).build())
        .putFields("none", Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build())
        .putFields("tags", Value.newBuilder().setListValue(ListValue.newBuilder()
            .addValues(Value.newBuilder().setBoolValue(true))
            .addValues(Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields("inner", Value.newBuilder().setStringValue("x").build())))).build())
        .build();

    assertComesBackExactly(registered(StructProto.getDescriptor(), answer), List.of(0), struct);
  }

  @ParameterizedTest
  @EnumSource(SerializedProtobuf.class)
  void typeValuesWithImportedMessagesComeBackExactly(SerializedProtobuf answer) throws IOException {
    Type type = Type.newBuilder()
        .setName("acme.Order")
        .addFields(Field.newBuilder().setKind(Field.Kind.TYPE_INT64).setCardinality(Field.Cardinality.CARDINALITY_OPTIONAL)
            .setNumber(1).setName("id").setJsonName("id"))
        .addFields(Field.newBuilder().setKind(Field.Kind.TYPE_MESSAGE).setNumber(2).setName("lines").setPacked(true))
        .addOneofs("payment")
        .addOptions(Option.newBuilder().setName("deprecated").setValue(Any.pack(Struct.getDefaultInstance())))
        .setSourceContext(SourceContext.newBuilder().setFileName("acme/order.proto"))
        .setSyntax(Syntax.SYNTAX_PROTO3)
        .build();

    assertComesBackExactly(registered(TypeProto.getDescriptor(), answer), List.of(0), type);
  }

  @ParameterizedTest
  @EnumSource(SerializedProtobuf.class)
  void proto2FileDescriptorProtoValuesComeBackExactly(SerializedProtobuf answer) throws IOException {
    FileDescriptorProto value = StructProto.getDescriptor().toProto();

    assertComesBackExactly(registered(DescriptorProtos.getDescriptor(), answer), List.of(1), value);
  }

  @ParameterizedTest
  @EnumSource(SerializedProtobuf.class)
  void valuesOfANestedMessageNamedByItsIndexesComeBackExactly(SerializedProtobuf answer) throws IOException {
    RegisteredSchema schema = registered(DescriptorProtos.getDescriptor(), answer);
    DescriptorProto.ReservedRange value = DescriptorProto.ReservedRange.newBuilder().setStart(5).setEnd(9).build();

    // [2, 1]: descriptor.proto's third message, DescriptorProto, and the second nested in it.
    assertEquals("google.protobuf.DescriptorProto.ReservedRange", ProtobufMessageTypes.of(schema, List.of(2, 1)).getFullName());
    assertComesBackExactly(schema, List.of(2, 1), value);
  }

  @ParameterizedTest
  @EnumSource(SerializedProtobuf.class)
  void valuesWithMessagesOfAReferencedFileComeBackExactly(SerializedProtobuf answer) throws Exception {
    FileDescriptorProto structFile = StructProto.getDescriptor().toProto().toBuilder().setName("acme/struct.proto").build();
    registry.registerProtobuf("acme/struct.proto", text(StructProto.getDescriptor()), structFile);
    int id = registry.registerProtobuf("events-value", EVENT_PROTO, EVENT_DESCRIPTOR,
        new Reference("acme/struct.proto", "acme/struct.proto", 1));
    registry.answerSerializedProtobuf(answer);
    FileDescriptor imported = FileDescriptor.buildFrom(structFile, new FileDescriptor[0]);
    Descriptor event = FileDescriptor.buildFrom(EVENT_DESCRIPTOR, new FileDescriptor[] {imported}).getMessageTypes().get(0);
    Descriptor struct = imported.findMessageTypeByName("Struct");
    DynamicMessage value = DynamicMessage.newBuilder(event)
        .setField(event.findFieldByName("name"), "signup")
        .setField(event.findFieldByName("payload"), DynamicMessage.parseFrom(struct, Struct.newBuilder()
            .putFields("plan", Value.newBuilder().setStringValue("pro").build()).build().toByteString()))
        .build();

    assertComesBackExactly(read(id), List.of(0), value);
  }

  /** A generated file's text and protoc's descriptor of it, registered; what the client reads of it. */
  private RegisteredSchema registered(FileDescriptor file, SerializedProtobuf answer) throws IOException {
    int id = registry.registerProtobuf(file.getName(), text(file), file.toProto());
    registry.answerSerializedProtobuf(answer);
    return read(id);
  }

  private RegisteredSchema read(int id) {
    return new SchemaRegistryClient(RegistrySettings.fromProperties(Map.of("url", registry.url()))).schemaById(id);
  }

  /** The text protoc compiled {@code file} from, which protobuf-java ships beside it. */
  private static String text(FileDescriptor file) throws IOException {
    try (InputStream in = FileDescriptor.class.getResourceAsStream("/" + file.getName())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void assertComesBackExactly(RegisteredSchema schema, List<Integer> messageIndexes, Message value) {
    ProtobufValueCodec codec = ProtobufValueCodec.of(ProtobufMessageTypes.of(schema, messageIndexes));
    byte[] payload = value.toByteArray();
    Record typed = codec.typed(payload).orElseThrow(() -> new AssertionError("not typed: " + codec.decode(payload)));

    Record stored = ParquetRoundTrip.through(ParquetRoundTrip.Encoding.DICTIONARY, dir, codec.columns(), List.of(typed)).get(0);

    assertArrayEquals(payload, codec.encode(stored));
  }
}
