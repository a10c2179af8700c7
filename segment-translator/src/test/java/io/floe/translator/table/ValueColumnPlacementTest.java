package io.floe.translator.table;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.floe.translator.table.ColumnChange.AddColumn;
import io.floe.translator.table.ColumnChange.MakeOptional;
import io.floe.translator.table.ColumnChange.WidenColumn;
import io.floe.translator.value.avro.AvroColumns;
import io.floe.translator.value.protobuf.ProtobufColumns;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** Where a writer struct's fields land in a table, and what the table must change for them (docs/data-model.md). */
class ValueColumnPlacementTest {
  private static final Types.StringType STRING = Types.StringType.get();
  private static final Types.IntegerType INT = Types.IntegerType.get();
  private static final Types.LongType LONG = Types.LongType.get();

  private static final Schema ORDERS = new Schema(
      optional(1, "id", INT),
      optional(2, "customer", Types.StructType.of(optional(3, "name", STRING))),
      optional(4, "lines", Types.ListType.ofOptional(5, Types.StructType.of(optional(6, "sku", STRING)))),
      optional(7, "stock", Types.MapType.ofOptional(8, 9, STRING, Types.StructType.of(optional(10, "count", INT)))));

  @Test
  void aNewFieldBecomesAnOptionalColumnAtTheEnd() {
    Types.StructType writer = Types.StructType.of(required(1, "id", INT), required(2, "note", STRING));

    assertEquals(List.of(new AddColumn(Optional.empty(), "note", STRING, null)),
        ValueColumnPlacement.changes(ORDERS, writer));
  }

  @Test
  void aNewNestedFieldIsAddedInsideItsStruct() {
    Types.StructType writer = Types.StructType.of(
        optional(1, "customer", Types.StructType.of(optional(2, "name", STRING), optional(3, "email", STRING))));

    assertEquals(List.of(new AddColumn(Optional.of("customer"), "email", STRING, null)),
        ValueColumnPlacement.changes(ORDERS, writer));
  }

  @Test
  void aNewFieldOfAListElementIsAddedInsideTheElement() {
    Types.StructType writer = Types.StructType.of(optional(1, "lines",
        Types.ListType.ofRequired(2, Types.StructType.of(optional(3, "sku", STRING), optional(4, "count", INT)))));

    assertEquals(List.of(new AddColumn(Optional.of("lines.element"), "count", INT, null)),
        ValueColumnPlacement.changes(ORDERS, writer));
  }

  @Test
  void aNewFieldOfAMapValueIsAddedInsideTheValue() {
    Types.StructType writer = Types.StructType.of(optional(1, "stock",
        Types.MapType.ofOptional(2, 3, STRING, Types.StructType.of(optional(4, "count", INT), optional(5, "bin", STRING)))));

    assertEquals(List.of(new AddColumn(Optional.of("stock.value"), "bin", STRING, null)),
        ValueColumnPlacement.changes(ORDERS, writer));
  }

  @Test
  void aWiderWriterTypeWidensTheColumn() {
    Schema table = new Schema(optional(1, "count", INT), optional(2, "ratio", Types.FloatType.get()),
        optional(3, "price", Types.DecimalType.of(9, 2)));
    Types.StructType writer = Types.StructType.of(optional(1, "count", LONG), optional(2, "ratio", Types.DoubleType.get()),
        optional(3, "price", Types.DecimalType.of(12, 2)));

    assertEquals(List.of(new WidenColumn("count", LONG), new WidenColumn("ratio", Types.DoubleType.get()),
        new WidenColumn("price", Types.DecimalType.of(12, 2))), ValueColumnPlacement.changes(table, writer));
  }

  @Test
  void aNarrowerWriterTypeBindsToTheWiderColumnWithoutChange() {
    Schema table = new Schema(optional(1, "count", LONG), optional(2, "price", Types.DecimalType.of(12, 2)));
    Types.StructType writer = Types.StructType.of(optional(7, "count", INT), optional(8, "price", Types.DecimalType.of(9, 2)));

    assertEquals(List.of(), ValueColumnPlacement.changes(table, writer));
    assertEquals(Map.of(7, 1, 8, 2), ValueColumnPlacement.bind(table, writer).tableIdsByLocalId());
  }

  @Test
  void aRequiredColumnAWriterLandsInBecomesOptional() {
    // As an operator may create a table; Floe leaves a column empty for raw values.
    Schema table = new Schema(optional(1, "customer", Types.StructType.of(required(2, "name", STRING))),
        optional(3, "tags", Types.ListType.ofRequired(4, STRING)));
    Types.StructType writer = Types.StructType.of(
        optional(1, "customer", Types.StructType.of(required(2, "name", STRING))),
        optional(3, "tags", Types.ListType.ofRequired(4, STRING)));

    assertEquals(List.of(new MakeOptional("customer.name"), new MakeOptional("tags.element")),
        ValueColumnPlacement.changes(table, writer));
  }

  @Test
  void anIncompatibleTypeGetsAColumnNamedForItsType() {
    Types.StructType writer = Types.StructType.of(optional(1, "id", STRING), optional(2, "customer", STRING));

    assertEquals(List.of(new AddColumn(Optional.empty(), "id__string", STRING, null),
        new AddColumn(Optional.empty(), "customer__string", STRING, null)), ValueColumnPlacement.changes(ORDERS, writer));
  }

  @Test
  void whenTheTypedNameIsTakenTooTheColumnIsNumbered() {
    Schema table = new Schema(optional(1, "id", INT), optional(2, "id__string", Types.BooleanType.get()));

    assertEquals(List.of(new AddColumn(Optional.empty(), "id__string__2", STRING, null)),
        ValueColumnPlacement.changes(table, Types.StructType.of(optional(1, "id", STRING))));
  }

  @Test
  void suffixesNameTheWriterType() {
    assertEquals("decimal_10_3", ColumnNames.suffix(Types.DecimalType.of(10, 3)));
    assertEquals("fixed_16", ColumnNames.suffix(Types.FixedType.ofLength(16)));
    assertEquals("timestamptz", ColumnNames.suffix(Types.TimestampType.withZone()));
    assertEquals("map", ColumnNames.suffix(Types.MapType.ofOptional(1, 2, STRING, INT)));
  }

  @Test
  void aDecimalOfAnotherScaleDoesNotFit() {
    Schema table = new Schema(optional(1, "price", Types.DecimalType.of(9, 2)));

    assertEquals(List.of(new AddColumn(Optional.empty(), "price__decimal_10_3", Types.DecimalType.of(10, 3), null)),
        ValueColumnPlacement.changes(table, Types.StructType.of(optional(1, "price", Types.DecimalType.of(10, 3)))));
  }

  @Test
  void aListWhoseElementDoesNotFitMovesAsAWhole() {
    Schema table = new Schema(optional(1, "tags", Types.ListType.ofOptional(2, INT)));
    Types.StructType writer = Types.StructType.of(optional(1, "tags", Types.ListType.ofRequired(2, STRING)));

    assertEquals(List.of(new AddColumn(Optional.empty(), "tags__list", Types.ListType.ofOptional(4, STRING), null)),
        ValueColumnPlacement.changes(table, writer));
  }

  @Test
  void aMapKeyMustHoldTheWritersKeysAsItIs() {
    // Iceberg cannot change a map's key type: a wider key moves the map, a narrower one fits.
    Schema table = new Schema(optional(1, "counts", Types.MapType.ofOptional(2, 3, INT, INT)),
        optional(4, "totals", Types.MapType.ofOptional(5, 6, LONG, INT)));
    Types.StructType writer = Types.StructType.of(optional(1, "counts", Types.MapType.ofOptional(2, 3, LONG, INT)),
        optional(4, "totals", Types.MapType.ofOptional(5, 6, INT, INT)));

    assertEquals(List.of(new AddColumn(Optional.empty(), "counts__map", Types.MapType.ofOptional(8, 9, LONG, INT), null)),
        ValueColumnPlacement.changes(table, writer));
  }

  @Test
  void theKafkaColumnNeverHoldsAValueField() {
    Types.StructType writer = Types.StructType.of(optional(1, KafkaColumns.KAFKA, KafkaColumns.SCHEMA.findType(KafkaColumns.KAFKA)));

    List<ColumnChange> changes = ValueColumnPlacement.changes(KafkaColumns.SCHEMA, writer);

    assertEquals(1, changes.size());
    assertEquals("_kafka__struct", ((AddColumn) changes.get(0)).name());
  }

  @Test
  void theKeyColumnNeverHoldsAValueField() {
    Schema table = KeyColumnPlacement.evolved(ORDERS, Types.StructType.of(optional(1, "id", LONG)));
    Types.StructType writer = Types.StructType.of(optional(1, KeyColumnPlacement.KEY,
        Types.StructType.of(optional(2, "id", LONG))));

    List<ColumnChange> changes = ValueColumnPlacement.changes(table, writer);

    assertEquals(1, changes.size());
    assertEquals("_key__struct", ((AddColumn) changes.get(0)).name());
  }

  @Test
  void twoFieldsOfOneStructNeverShareAColumn() {
    Types.StructType writer = Types.StructType.of(optional(1, "id", STRING), optional(2, "id__string", STRING));

    assertEquals(List.of(new AddColumn(Optional.empty(), "id__string", STRING, null),
        new AddColumn(Optional.empty(), "id__string__string", STRING, null)), ValueColumnPlacement.changes(ORDERS, writer));
  }

  @Test
  void placingAStructTwiceChangesNothingTheSecondTime() {
    Types.StructType writer = Types.StructType.of(optional(1, "id", STRING), optional(2, "lines",
        Types.ListType.ofRequired(3, Types.StructType.of(required(4, "sku", INT), required(5, "qty", LONG)))));
    Schema evolved = ValueColumnPlacement.evolved(ORDERS, writer);

    assertEquals(List.of(), ValueColumnPlacement.changes(evolved, writer));
    assertEquals(evolved.asStruct(), ValueColumnPlacement.evolved(evolved, writer).asStruct());
  }

  @Test
  void theSameSchemaAndStructGiveTheSamePlacement() {
    Types.StructType writer = Types.StructType.of(optional(1, "id", STRING), optional(2, "a", STRING),
        optional(3, "b", INT), optional(4, "c", Types.MapType.ofOptional(5, 6, STRING, LONG)));
    Schema copy = new Schema(ORDERS.asStruct().fields());

    assertEquals(ValueColumnPlacement.evolved(ORDERS, writer).asStruct(), ValueColumnPlacement.evolved(copy, writer).asStruct());
    assertEquals(ValueColumnPlacement.bind(ValueColumnPlacement.evolved(ORDERS, writer), writer).tableIdsByLocalId(),
        ValueColumnPlacement.bind(ValueColumnPlacement.evolved(copy, writer), writer).tableIdsByLocalId());
  }

  @Test
  void bindingAStructTheTableCannotHoldYetNamesTheChange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ValueColumnPlacement.bind(ORDERS, Types.StructType.of(optional(1, "id", LONG))));

    assertTrue(e.getMessage().contains("widen column id to long"), e.getMessage());
  }

  @Test
  void anAvroSchemaThatAddsWidensAndChangesFieldsEvolvesTheTable() {
    org.apache.avro.Schema v1 = avro("{\"type\": \"record\", \"name\": \"Order\", \"fields\": ["
        + "{\"name\": \"id\", \"type\": \"int\"}, {\"name\": \"amount\", \"type\": \"string\"}]}");
    org.apache.avro.Schema v2 = avro("{\"type\": \"record\", \"name\": \"Order\", \"fields\": ["
        + "{\"name\": \"id\", \"type\": \"long\"}, {\"name\": \"amount\", \"type\": \"int\"},"
        + "{\"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null}]}");
    Schema first = ValueColumnPlacement.evolved(KafkaColumns.SCHEMA, AvroColumns.of(v1));

    assertEquals(List.of(new WidenColumn("id", LONG), new AddColumn(Optional.empty(), "amount__int", INT, null),
        new AddColumn(Optional.empty(), "note", STRING, null)), ValueColumnPlacement.changes(first, AvroColumns.of(v2)));
    Schema second = ValueColumnPlacement.evolved(first, AvroColumns.of(v2));
    assertEquals(List.of(), ValueColumnPlacement.changes(second, AvroColumns.of(v1)), "the old schema still fits");
  }

  @Test
  void aProtobufMessageWhoseRepeatedElementGainsAFieldAddsItInsideTheOptionalElement() {
    Schema first = ValueColumnPlacement.evolved(KafkaColumns.SCHEMA, ProtobufColumns.of(order(false)));

    assertTrue(first.findType("lines").asListType().isElementOptional(), "protobuf's required elements land in an optional element");
    assertEquals(List.of(new WidenColumn("qty", LONG), new AddColumn(Optional.of("lines.element"), "count", INT, null)),
        ValueColumnPlacement.changes(first, ProtobufColumns.of(order(true))));
  }

  private static org.apache.avro.Schema avro(String json) {
    return new org.apache.avro.Schema.Parser().parse(json);
  }

  /** {@code message Order { int32 qty = 1; repeated Line lines = 2; } message Line { string sku = 1; }}, or v2 with {@code int64 qty} and {@code int32 count} in Line. */
  private static Descriptor order(boolean v2) {
    DescriptorProto.Builder line = DescriptorProto.newBuilder().setName("Line")
        .addField(field("sku", 1, FieldDescriptorProto.Type.TYPE_STRING));
    if (v2) {
      line.addField(field("count", 2, FieldDescriptorProto.Type.TYPE_INT32));
    }
    DescriptorProto.Builder order = DescriptorProto.newBuilder().setName("Order")
        .addField(field("qty", 1, v2 ? FieldDescriptorProto.Type.TYPE_INT64 : FieldDescriptorProto.Type.TYPE_INT32))
        .addField(field("lines", 2, FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(".acme.Line").setLabel(Label.LABEL_REPEATED));
    FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("orders.proto").setPackage("acme")
        .setSyntax("proto3").addMessageType(order).addMessageType(line).build();
    try {
      return FileDescriptor.buildFrom(file, new FileDescriptor[0]).findMessageTypeByName("Order");
    } catch (DescriptorValidationException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static FieldDescriptorProto.Builder field(String name, int number, FieldDescriptorProto.Type type) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(Label.LABEL_OPTIONAL);
  }
}
