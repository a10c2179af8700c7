package io.floe.translator.value.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.value.UnsupportedSchemaException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;
import org.junit.jupiter.api.Test;

/** The Avro → Iceberg type mapping, type by type, as docs/data-model.md states it. */
class AvroColumnsTest {
  @Test
  void primitivesMapToTheirIcebergTypes() {
    assertEquals(Types.BooleanType.get(), columnOf("\"boolean\""));
    assertEquals(Types.IntegerType.get(), columnOf("\"int\""));
    assertEquals(Types.LongType.get(), columnOf("\"long\""));
    assertEquals(Types.FloatType.get(), columnOf("\"float\""));
    assertEquals(Types.DoubleType.get(), columnOf("\"double\""));
    assertEquals(Types.BinaryType.get(), columnOf("\"bytes\""));
    assertEquals(Types.StringType.get(), columnOf("\"string\""));
  }

  @Test
  void logicalTypesMapToIcebergsTypesForThem() {
    assertEquals(Types.DecimalType.of(9, 2), columnOf("{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 9, \"scale\": 2}"));
    assertEquals(Types.DecimalType.of(20, 4),
        columnOf("{\"type\": \"fixed\", \"name\": \"Amount\", \"size\": 9, \"logicalType\": \"decimal\", \"precision\": 20, \"scale\": 4}"));
    assertEquals(Types.DateType.get(), columnOf("{\"type\": \"int\", \"logicalType\": \"date\"}"));
    assertEquals(Types.TimeType.get(), columnOf("{\"type\": \"int\", \"logicalType\": \"time-millis\"}"));
    assertEquals(Types.TimeType.get(), columnOf("{\"type\": \"long\", \"logicalType\": \"time-micros\"}"));
    assertEquals(Types.UUIDType.get(), columnOf("{\"type\": \"string\", \"logicalType\": \"uuid\"}"));
    assertEquals(Types.UUIDType.get(), columnOf("{\"type\": \"fixed\", \"name\": \"Id\", \"size\": 16, \"logicalType\": \"uuid\"}"));
  }

  @Test
  void timestampsAreInstantsAndLocalTimestampsAreNot() {
    // The Avro specification: timestamp-* is an instant on the global time line, local-timestamp-* a
    // wall-clock reading in no particular zone.
    assertEquals(Types.TimestampType.withZone(), columnOf("{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}"));
    assertEquals(Types.TimestampType.withZone(), columnOf("{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}"));
    assertEquals(Types.TimestampType.withoutZone(), columnOf("{\"type\": \"long\", \"logicalType\": \"local-timestamp-millis\"}"));
    assertEquals(Types.TimestampType.withoutZone(), columnOf("{\"type\": \"long\", \"logicalType\": \"local-timestamp-micros\"}"));
  }

  @Test
  void logicalTypesIcebergCannotHoldKeepTheirUnderlyingType() {
    assertEquals(Types.BinaryType.get(), columnOf("{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 39, \"scale\": 0}"));
    assertEquals(Types.LongType.get(), columnOf("{\"type\": \"long\", \"logicalType\": \"timestamp-nanos\"}"));
    assertEquals(Types.FixedType.ofLength(12), columnOf("{\"type\": \"fixed\", \"name\": \"D\", \"size\": 12, \"logicalType\": \"duration\"}"));
  }

  @Test
  void enumsAreStringsAndFixedIsFixed() {
    assertEquals(Types.StringType.get(), columnOf("{\"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"NEW\", \"PAID\"]}"));
    assertEquals(Types.FixedType.ofLength(4), columnOf("{\"type\": \"fixed\", \"name\": \"Ip\", \"size\": 4}"));
  }

  @Test
  void arraysMapsAndRecordsNest() {
    Types.StructType columns = AvroColumns.of(parse("""
        {"type": "record", "name": "Order", "fields": [
          {"name": "lines", "type": {"type": "array", "items":
            {"type": "record", "name": "Line", "fields": [
              {"name": "sku", "type": "string"},
              {"name": "tags", "type": {"type": "map", "values": ["null", "string"]}}]}}},
          {"name": "notes", "type": {"type": "array", "items": ["null", "string"]}}]}"""));

    assertEquals(Types.StructType.of(
        NestedField.required(1, "lines", Types.ListType.ofRequired(3, Types.StructType.of(
            NestedField.required(4, "sku", Types.StringType.get()),
            NestedField.required(5, "tags", Types.MapType.ofOptional(6, 7, Types.StringType.get(), Types.StringType.get()))))),
        NestedField.required(2, "notes", Types.ListType.ofOptional(8, Types.StringType.get()))), columns);
  }

  @Test
  void aUnionWithNullIsAnOptionalColumnWhicheverBranchNullIs() {
    Types.StructType columns = AvroColumns.of(parse("""
        {"type": "record", "name": "R", "fields": [
          {"name": "first", "type": ["null", "long"]},
          {"name": "last", "type": ["long", "null"]},
          {"name": "alone", "type": ["long"]}]}"""));

    assertEquals(Types.StructType.of(
        NestedField.optional(1, "first", Types.LongType.get()),
        NestedField.optional(2, "last", Types.LongType.get()),
        NestedField.required(3, "alone", Types.LongType.get())), columns);
  }

  @Test
  void aUnionOfSeveralTypesIsAStructWithAnOptionalFieldPerBranchNamedForItsType() {
    Types.StructType columns = AvroColumns.of(parse("""
        {"type": "record", "name": "R", "fields": [
          {"name": "amount", "type": ["null", "int", "string",
            {"type": "record", "name": "com.acme.Money", "fields": [{"name": "cents", "type": "long"}]},
            {"type": "array", "items": "int"}]},
          {"name": "id", "type": ["long", "string"]}]}"""));

    assertEquals(Types.StructType.of(
        NestedField.optional(1, "amount", Types.StructType.of(
            NestedField.optional(3, "int", Types.IntegerType.get()),
            NestedField.optional(4, "string", Types.StringType.get()),
            NestedField.optional(5, "Money", Types.StructType.of(NestedField.required(7, "cents", Types.LongType.get()))),
            NestedField.optional(6, "array", Types.ListType.ofRequired(8, Types.IntegerType.get())))),
        NestedField.required(2, "id", Types.StructType.of(
            NestedField.optional(9, "long", Types.LongType.get()),
            NestedField.optional(10, "string", Types.StringType.get())))), columns);
  }

  @Test
  void unionBranchesOfTheSameNameInTwoNamespacesAreNamedInFull() {
    Type union = columnOf("""
        ["null",
         {"type": "record", "name": "a.Event", "fields": [{"name": "x", "type": "int"}]},
         {"type": "record", "name": "b.Event", "fields": [{"name": "x", "type": "int"}]}]""");

    assertEquals("a_Event", union.asStructType().fields().get(0).name());
    assertEquals("b_Event", union.asStructType().fields().get(1).name());
  }

  @Test
  void aRecursiveRecordIsCutWhereItRefersToItselfIntoBinary() {
    Types.StructType columns = AvroColumns.of(parse("""
        {"type": "record", "name": "Category", "fields": [
          {"name": "name", "type": "string"},
          {"name": "parent", "type": ["null", "Category"]},
          {"name": "children", "type": {"type": "array", "items": "Category"}}]}"""));

    assertEquals(Types.StructType.of(
        NestedField.required(1, "name", Types.StringType.get()),
        NestedField.optional(2, "parent", Types.BinaryType.get()),
        NestedField.required(3, "children", Types.ListType.ofRequired(4, Types.BinaryType.get()))), columns);
  }

  @Test
  void mutuallyRecursiveRecordsAreCutAtTheFirstRecordThatRepeats() {
    Types.StructType columns = AvroColumns.of(parse("""
        {"type": "record", "name": "Person", "fields": [
          {"name": "employer", "type": ["null",
            {"type": "record", "name": "Company", "fields": [
              {"name": "name", "type": "string"},
              {"name": "ceo", "type": "Person"}]}]}]}"""));

    assertEquals(Types.StructType.of(
        NestedField.optional(1, "employer", Types.StructType.of(
            NestedField.required(2, "name", Types.StringType.get()),
            NestedField.required(3, "ceo", Types.BinaryType.get())))), columns);
  }

  @Test
  void aRecordUsedTwiceWithoutRecursionIsNotCut() {
    Types.StructType columns = AvroColumns.of(parse("""
        {"type": "record", "name": "Parcel", "fields": [
          {"name": "from", "type": {"type": "record", "name": "Address", "fields": [{"name": "city", "type": "string"}]}},
          {"name": "to", "type": "Address"}]}"""));

    assertEquals(Types.StructType.of(
        NestedField.required(1, "from", Types.StructType.of(NestedField.required(3, "city", Types.StringType.get()))),
        NestedField.required(2, "to", Types.StructType.of(NestedField.required(4, "city", Types.StringType.get())))), columns);
  }

  @Test
  void aSchemaThatIsNotARecordIsOneColumnNamedValue() {
    assertEquals(Types.StructType.of(NestedField.required(1, AvroColumns.VALUE, Types.StringType.get())), AvroColumns.of(parse("\"string\"")));
    assertEquals(Types.StructType.of(NestedField.optional(1, AvroColumns.VALUE, Types.IntegerType.get())),
        AvroColumns.of(parse("[\"null\", \"int\"]")));
  }

  @Test
  void fieldsKeepTheirDocumentation() {
    Types.StructType columns = AvroColumns.of(parse("""
        {"type": "record", "name": "R", "fields": [{"name": "total", "type": "long", "doc": "in cents"}]}"""));

    assertEquals("in cents", columns.field("total").doc());
  }

  @Test
  void fieldIdsAreTheOnesIcebergGivesANewTableAsTheDataModelShows() {
    Types.StructType columns = AvroColumns.of(parse("""
        {"type": "record", "name": "R", "fields": [
          {"name": "a", "type": {"type": "map", "values": {"type": "array", "items":
            {"type": "record", "name": "S", "fields": [{"name": "x", "type": "int"}]}}}},
          {"name": "b", "type": ["int", "string"]},
          {"name": "c", "type": "long"}]}"""));

    assertEquals(Types.StructType.of(
        NestedField.required(1, "a", Types.MapType.ofRequired(4, 5, Types.StringType.get(),
            Types.ListType.ofRequired(6, Types.StructType.of(NestedField.required(7, "x", Types.IntegerType.get()))))),
        NestedField.required(2, "b", Types.StructType.of(
            NestedField.optional(8, "int", Types.IntegerType.get()),
            NestedField.optional(9, "string", Types.StringType.get()))),
        NestedField.required(3, "c", Types.LongType.get())), columns);
    AtomicInteger lastId = new AtomicInteger();
    assertEquals(TypeUtil.assignFreshIds(columns, lastId::incrementAndGet), columns);
  }

  @Test
  void aTypeThatHoldsNoDataHasNoColumnAndTheMessageSaysWhere() {
    UnsupportedSchemaException nullField = assertThrows(UnsupportedSchemaException.class, () -> AvroColumns.of(parse("""
        {"type": "record", "name": "com.acme.Order", "fields": [
          {"name": "lines", "type": {"type": "array", "items":
            {"type": "record", "name": "Line", "fields": [{"name": "reserved", "type": "null"}]}}}]}""")));
    assertEquals("Cannot map Avro schema com.acme.Order to columns: at lines.element.reserved, "
        + "type null holds no data outside a union", nullField.getMessage());

    assertThrows(UnsupportedSchemaException.class, () -> AvroColumns.of(parse("[\"null\"]")));
    assertThrows(UnsupportedSchemaException.class, () -> AvroColumns.of(parse(
        "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"e\", \"type\": {\"type\": \"record\", \"name\": \"E\", \"fields\": []}}]}")));
    assertThrows(UnsupportedSchemaException.class, () -> AvroColumns.of(parse(
        "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"f\", \"type\": {\"type\": \"fixed\", \"name\": \"F\", \"size\": 0}}]}")));
  }

  @Test
  void aRecordWithoutFieldsAtTheTopIsAValueWithoutColumns() {
    assertTrue(AvroColumns.of(parse("{\"type\": \"record\", \"name\": \"Ping\", \"fields\": []}")).fields().isEmpty());
  }

  private static Type columnOf(String schema) {
    return AvroColumns.of(parse(schema)).field(AvroColumns.VALUE).type();
  }

  static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }
}
