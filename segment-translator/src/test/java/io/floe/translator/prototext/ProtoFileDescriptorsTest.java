package io.floe.translator.prototext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto.EnumReservedRange;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code .proto} text to the FileDescriptorProto protoc makes of it, one rule of protoc's at a time. */
class ProtoFileDescriptorsTest {
  @Test
  void aProto3OptionalFieldIsInASyntheticOneofAfterTheDeclaredOnes() throws Exception {
    DescriptorProto order = message("""
        syntax = "proto3";
        message Order {
          optional string note = 1;
          oneof payment { string card = 2; int64 cash = 3; }
          optional int64 _paid = 4;
          int32 _note = 5;
        }
        """);

    assertEquals(List.of("payment", "X_note", "X_paid"), order.getOneofDeclList().stream().map(OneofDescriptorProto::getName).toList());
    assertEquals(field("note", 1, Type.TYPE_STRING).setOneofIndex(1).setProto3Optional(true).build(), order.getField(0));
    assertEquals(field("cash", 3, Type.TYPE_INT64).setOneofIndex(0).build(), order.getField(2));
    assertEquals(field("_paid", 4, Type.TYPE_INT64).setJsonName("Paid").setOneofIndex(2).setProto3Optional(true).build(),
        order.getField(3));
    assertFalse(order.getField(4).hasOneofIndex());
  }

  @Test
  void aMapFieldIsARepeatedEntryMessageNestedWhereTheFieldIsDeclared() throws Exception {
    DescriptorProto order = message("""
        syntax = "proto3";
        package acme;
        message Order {
          message Line { string sku = 1; }
          map<string, Line> line_items = 1;
          message Note { string text = 1; }
        }
        """);

    assertEquals(List.of("Line", "LineItemsEntry", "Note"), order.getNestedTypeList().stream().map(DescriptorProto::getName).toList());
    assertEquals(DescriptorProto.newBuilder().setName("LineItemsEntry")
        .addField(field("key", 1, Type.TYPE_STRING))
        .addField(field("value", 2, Type.TYPE_MESSAGE).setTypeName(".acme.Order.Line"))
        .setOptions(MessageOptions.newBuilder().setMapEntry(true)).build(), order.getNestedType(1));
    assertEquals(field("line_items", 1, Type.TYPE_MESSAGE).setLabel(Label.LABEL_REPEATED)
        .setTypeName(".acme.Order.LineItemsEntry").build(), order.getField(0));
  }

  @Test
  void aTypeNameIsLookedUpFromTheInnermostScopeOutward() throws Exception {
    FileDescriptorProto file = read("""
        syntax = "proto3";
        package acme.shop;
        message Status { string text = 1; }
        message Order {
          message Status { int32 code = 1; }
          Status inner = 1;
          shop.Status outer = 2;
          .acme.shop.Status absolute = 3;
        }
        """);

    List<String> typeNames = file.getMessageType(1).getFieldList().stream().map(FieldDescriptorProto::getTypeName).toList();
    assertEquals(List.of(".acme.shop.Order.Status", ".acme.shop.Status", ".acme.shop.Status"), typeNames);
  }

  @Test
  void aCompoundNameIsLookedUpOnlyWhereItsFirstPartIsFound() {
    UnreadableProtoException e = assertThrows(UnreadableProtoException.class, () -> read("""
        syntax = "proto3";
        package acme;
        message Status { string text = 1; }
        message Order {
          message acme { string shadow = 1; }
          acme.Status status = 1;
        }
        """));

    assertEquals("test.proto:6:3: acme.Status names no message or enum of this file or of the files it imports", e.getMessage());
  }

  @Test
  void typesComeFromImportsTheirPublicImportsAndGooglesWellKnownFiles() throws Exception {
    FileDescriptorProto money = read("money.proto", """
        syntax = "proto3";
        package acme.money;
        message Amount { int64 cents = 1; }
        enum Currency { EUR = 0; }
        """);
    FileDescriptorProto common = read("common.proto", """
        syntax = "proto3";
        import public "money.proto";
        """, money);

    DescriptorProto invoice = read("""
        syntax = "proto3";
        package acme;
        import "common.proto";
        import "google/protobuf/timestamp.proto";
        message Invoice {
          money.Amount total = 1;
          acme.money.Currency currency = 2;
          google.protobuf.Timestamp issued = 3;
        }
        """, common, money).getMessageType(0);

    assertEquals(field("total", 1, Type.TYPE_MESSAGE).setTypeName(".acme.money.Amount").build(), invoice.getField(0));
    assertEquals(field("currency", 2, Type.TYPE_ENUM).setTypeName(".acme.money.Currency").build(), invoice.getField(1));
    assertEquals(field("issued", 3, Type.TYPE_MESSAGE).setTypeName(".google.protobuf.Timestamp").build(), invoice.getField(2));
  }

  @Test
  void aTypeOfAFileImportedOnlyByAnImportIsNotSeen() throws Exception {
    FileDescriptorProto money = read("money.proto", "syntax = \"proto3\"; package money; message Amount { int64 cents = 1; }");
    FileDescriptorProto common = read("common.proto", "syntax = \"proto3\"; import \"money.proto\";", money);

    UnreadableProtoException e = assertThrows(UnreadableProtoException.class, () -> read(
        "syntax = \"proto3\"; import \"common.proto\"; message Invoice { money.Amount total = 1; }", common, money));

    assertEquals("test.proto:1:61: money.Amount names no message or enum of this file or of the files it imports", e.getMessage());
  }

  @Test
  void anImportNeitherGivenNorWellKnownIsUnreadable() {
    UnreadableProtoException e = assertThrows(UnreadableProtoException.class,
        () -> read("syntax = \"proto3\"; import \"acme/missing.proto\"; message Order { int64 id = 1; }"));

    assertEquals("test.proto imports acme/missing.proto, which is neither a reference nor google/protobuf/*", e.getMessage());
  }

  @Test
  void proto2DefaultsAreWrittenAsProtocWritesThem() throws Exception {
    DescriptorProto defaults = message("""
        syntax = "proto2";
        message Defaults {
          optional int32 hex = 1 [default = 0x10];
          optional sint64 octal = 2 [default = -010];
          optional double thousand = 3 [default = -1e3];
          optional float tenth = 4 [default = 0.1];
          optional double large = 5 [default = 1e20];
          optional double infinite = 6 [default = -inf];
          optional bytes raw = 7 [default = "\\377x\\n\\""];
          optional string text = 8 [default = "café \\"x\\""];
          optional Kind kind = 9 [default = BIG];
          optional bool flag = 10 [default = true];
          optional uint64 huge = 11 [default = 18446744073709551615];
          enum Kind { SMALL = 1; BIG = 2; }
        }
        """);

    Map<String, String> written = defaults.getFieldList().stream()
        .collect(Collectors.toMap(FieldDescriptorProto::getName, FieldDescriptorProto::getDefaultValue));
    assertEquals(Map.ofEntries(Map.entry("hex", "16"), Map.entry("octal", "-8"), Map.entry("thousand", "-1000"),
        Map.entry("tenth", "0.1"), Map.entry("large", "1e+20"), Map.entry("infinite", "-inf"),
        Map.entry("raw", "\\377x\\n\\\""), Map.entry("text", "café \"x\""), Map.entry("kind", "BIG"), Map.entry("flag", "true"),
        Map.entry("huge", "18446744073709551615")), written);
  }

  @Test
  void proto2DefaultsReadBackInProtobufJavaAsWritten() throws Exception {
    FileDescriptorProto file = read("""
        syntax = "proto2";
        message Defaults {
          optional bytes raw = 1 [default = "\\377x\\n"];
          optional double thousand = 2 [default = -1e3];
          optional int32 hex = 3 [default = 0x10];
        }
        """);

    Descriptor defaults = FileDescriptor.buildFrom(file, new FileDescriptor[0]).getMessageTypes().get(0);

    assertEquals(ByteString.copyFrom(new byte[] {(byte) 0xff, 'x', '\n'}), defaults.findFieldByName("raw").getDefaultValue());
    assertEquals(-1000.0, defaults.findFieldByName("thousand").getDefaultValue());
    assertEquals(16, defaults.findFieldByName("hex").getDefaultValue());
  }

  @Test
  void aProto2GroupIsANestedMessageAndAFieldNamedInLowerCase() throws Exception {
    DescriptorProto order = message("""
        syntax = "proto2";
        package acme;
        message Order {
          repeated group Line = 1 { required string sku = 2; }
        }
        """);

    assertEquals(field("line", 1, Type.TYPE_GROUP).setLabel(Label.LABEL_REPEATED).setTypeName(".acme.Order.Line").build(),
        order.getField(0));
    assertEquals(DescriptorProto.newBuilder().setName("Line")
        .addField(field("sku", 2, Type.TYPE_STRING).setLabel(Label.LABEL_REQUIRED)).build(), order.getNestedType(0));
  }

  @Test
  void packedIsKeptAndOptionsThatDoNotChangeValuesAreLeftOut() throws Exception {
    DescriptorProto sizes = message("""
        syntax = "proto3";
        option java_package = "com.acme";
        message Sizes {
          option deprecated = true;
          repeated int32 sizes = 1 [packed = false, deprecated = true];
        }
        """);

    assertEquals(field("sizes", 1, Type.TYPE_INT32).setLabel(Label.LABEL_REPEATED)
        .setOptions(FieldOptions.newBuilder().setPacked(false)).build(), sizes.getField(0));
    assertFalse(sizes.hasOptions());
  }

  @Test
  void anEnumKeepsAllowAliasAndItsReservedRangesIncludeTheirEnd() throws Exception {
    FileDescriptorProto file = read("""
        syntax = "proto3";
        enum Status {
          option allow_alias = true;
          NEW = 0;
          FRESH = 0;
          reserved 5 to 9, 12;
          reserved "OLD";
        }
        """);

    assertEquals(true, file.getEnumType(0).getOptions().getAllowAlias());
    assertEquals(List.of(range(5, 9), range(12, 12)), file.getEnumType(0).getReservedRangeList());
    assertEquals(List.of("OLD"), file.getEnumType(0).getReservedNameList());
  }

  @Test
  void onlyAProto3FileNamesItsSyntax() throws Exception {
    assertEquals("proto3", read("syntax = \"proto3\"; message M { int32 a = 1; }").getSyntax());
    assertFalse(read("syntax = \"proto2\"; message M { optional int32 a = 1; }").hasSyntax());
  }

  @Test
  void textThatDoesNotParseIsUnreadable() {
    UnreadableProtoException e = assertThrows(UnreadableProtoException.class,
        () -> read("syntax = \"proto3\";\nmessage Order { int64 id = ; }"));

    assertEquals("Syntax error in test.proto:2:28: expected a word", e.getMessage());
  }

  private static EnumReservedRange range(int start, int end) {
    return EnumReservedRange.newBuilder().setStart(start).setEnd(end).build();
  }

  /** A field as protoc describes it before what a test adds: optional, with its JSON name. */
  private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setLabel(Label.LABEL_OPTIONAL).setType(type)
        .setJsonName(ProtocNames.jsonName(name));
  }

  private static DescriptorProto message(String text) throws UnreadableProtoException {
    return read(text).getMessageType(0);
  }

  private static FileDescriptorProto read(String text, FileDescriptorProto... imports) throws UnreadableProtoException {
    return read("test.proto", text, imports);
  }

  private static FileDescriptorProto read(String path, String text, FileDescriptorProto... imports)
      throws UnreadableProtoException {
    return ProtoFileDescriptors.fromText(path, text,
        Arrays.stream(imports).collect(Collectors.toMap(FileDescriptorProto::getName, Function.identity())));
  }
}
