package io.floe.translator.value.json;

import static io.floe.translator.value.json.JsonBytes.schema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.registry.SchemaReference;
import io.floe.translator.value.UnsupportedSchemaException;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;
import org.junit.jupiter.api.Test;

/** The JSON Schema → Iceberg type mapping, type by type, as docs/data-model.md states it. */
class JsonSchemaColumnsTest {
  @Test
  void scalarTypesMapToTheirIcebergTypes() {
    assertEquals(Types.StringType.get(), columnOf("{\"type\": \"string\"}"));
    assertEquals(Types.LongType.get(), columnOf("{\"type\": \"integer\"}"));
    assertEquals(Types.DoubleType.get(), columnOf("{\"type\": \"number\"}"));
    assertEquals(Types.BooleanType.get(), columnOf("{\"type\": \"boolean\"}"));
  }

  @Test
  void stringFormatsMapToIcebergsTypesForThem() {
    assertEquals(Types.DateType.get(), columnOf("{\"type\": \"string\", \"format\": \"date\"}"));
    assertEquals(Types.TimestampType.withZone(), columnOf("{\"type\": \"string\", \"format\": \"date-time\"}"));
    assertEquals(Types.UUIDType.get(), columnOf("{\"type\": \"string\", \"format\": \"uuid\"}"));
    assertEquals(Types.StringType.get(), columnOf("{\"type\": \"string\", \"format\": \"email\"}"));
  }

  @Test
  void kafkaConnectTypesNarrowNumbersAndMakeBytesBinary() {
    assertEquals(Types.IntegerType.get(), columnOf("{\"type\": \"integer\", \"connect.type\": \"int8\"}"));
    assertEquals(Types.IntegerType.get(), columnOf("{\"type\": \"integer\", \"connect.type\": \"int16\"}"));
    assertEquals(Types.IntegerType.get(), columnOf("{\"type\": \"integer\", \"connect.type\": \"int32\"}"));
    assertEquals(Types.LongType.get(), columnOf("{\"type\": \"integer\", \"connect.type\": \"int64\"}"));
    assertEquals(Types.FloatType.get(), columnOf("{\"type\": \"number\", \"connect.type\": \"float32\"}"));
    assertEquals(Types.DoubleType.get(), columnOf("{\"type\": \"number\", \"connect.type\": \"float64\"}"));
    assertEquals(Types.BinaryType.get(), columnOf("{\"type\": \"string\", \"connect.type\": \"bytes\"}"));
  }

  @Test
  void enumsAndConstsOfStringsAreStrings() {
    assertEquals(Types.StringType.get(), columnOf("{\"enum\": [\"NEW\", \"PAID\"]}"));
    assertEquals(Types.StringType.get(), columnOf("{\"const\": \"v1\"}"));
  }

  @Test
  void propertiesOfAnObjectAreTheColumnsInSchemaOrderAndNestedObjectsAreStructs() {
    Types.StructType columns = JsonSchemaColumns.of(schema("""
        {"type": "object", "properties": {
          "lines": {"type": "array", "items": {"type": "object", "properties": {
            "sku": {"type": "string"},
            "tags": {"type": "object", "additionalProperties": {"type": ["string", "null"]}}}}},
          "notes": {"type": "array", "items": {"oneOf": [{"type": "null"}, {"type": "string"}]}},
          "id": {"type": "integer", "description": "the order's number"}}}"""));

    assertEquals(Types.StructType.of(
        NestedField.optional(1, "lines", Types.ListType.ofRequired(4, Types.StructType.of(
            NestedField.optional(5, "sku", Types.StringType.get()),
            NestedField.optional(6, "tags", Types.MapType.ofOptional(7, 8, Types.StringType.get(), Types.StringType.get()))))),
        NestedField.optional(2, "notes", Types.ListType.ofOptional(9, Types.StringType.get())),
        NestedField.optional(3, "id", Types.LongType.get(), "the order's number")), columns);
  }

  @Test
  void aSchemaAdmittingNullIsAnOptionalColumnInEachWayOfWritingIt() {
    Types.StructType columns = JsonSchemaColumns.of(schema("""
        {"type": "object", "properties": {
          "typeList": {"type": ["null", "integer"]},
          "generated": {"oneOf": [{"type": "null", "title": "Not included"}, {"type": "integer"}]},
          "anyOf": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
          "enum": {"enum": ["A", null]}}}"""));

    assertEquals(Types.StructType.of(
        NestedField.optional(1, "typeList", Types.LongType.get()),
        NestedField.optional(2, "generated", Types.LongType.get()),
        NestedField.optional(3, "anyOf", Types.LongType.get()),
        NestedField.optional(4, "enum", Types.StringType.get())), columns);
  }

  @Test
  void severalSchemasAreAStructWithAnOptionalFieldPerBranchNamedForItsType() {
    Types.StructType columns = JsonSchemaColumns.of(schema("""
        {"type": "object", "definitions": {"Money": {"type": "object", "properties": {"cents": {"type": "integer"}}}},
         "properties": {
          "amount": {"oneOf": [{"type": "null"}, {"type": "integer"}, {"type": "string"}, {"$ref": "#/definitions/Money"}]},
          "id": {"type": ["integer", "string"]},
          "shape": {"anyOf": [{"type": "object", "properties": {"r": {"type": "number"}}},
                              {"type": "object", "properties": {"w": {"type": "number"}}}]}}}"""));

    assertEquals(Types.StructType.of(
        NestedField.optional(1, "amount", Types.StructType.of(
            NestedField.optional(4, "integer", Types.LongType.get()),
            NestedField.optional(5, "string", Types.StringType.get()),
            NestedField.optional(6, "Money", Types.StructType.of(NestedField.optional(7, "cents", Types.LongType.get()))))),
        NestedField.optional(2, "id", Types.StructType.of(
            NestedField.optional(8, "integer", Types.LongType.get()),
            NestedField.optional(9, "string", Types.StringType.get()))),
        NestedField.optional(3, "shape", Types.StructType.of(
            NestedField.optional(10, "object_1", Types.StructType.of(NestedField.optional(12, "r", Types.DoubleType.get()))),
            NestedField.optional(11, "object_2", Types.StructType.of(NestedField.optional(13, "w", Types.DoubleType.get())))))),
        columns);
  }

  @Test
  void refsResolveToDefinitionsDefsAndReferencedSchemas() {
    SchemaReference address = new SchemaReference("address.json", "address-value", 3, schema(7, """
        {"type": "object", "$defs": {"City": {"type": "string"}},
         "properties": {"city": {"$ref": "#/$defs/City"}}}"""));
    Types.StructType columns = JsonSchemaColumns.of(schema("""
        {"type": "object", "definitions": {"Sku": {"type": "string"}}, "$defs": {"Qty": {"type": "integer"}},
         "properties": {
          "sku": {"$ref": "#/definitions/Sku"},
          "qty": {"$ref": "#/$defs/Qty"},
          "to": {"$ref": "address.json"},
          "city": {"$ref": "address.json#/$defs/City"}}}""", address));

    assertEquals(Types.StructType.of(
        NestedField.optional(1, "sku", Types.StringType.get()),
        NestedField.optional(2, "qty", Types.LongType.get()),
        NestedField.optional(3, "to", Types.StructType.of(NestedField.optional(5, "city", Types.StringType.get()))),
        NestedField.optional(4, "city", Types.StringType.get())), columns);
  }

  @Test
  void aRecursiveSchemaIsCutWhereItRefersToItselfIntoJsonText() {
    Types.StructType columns = JsonSchemaColumns.of(schema("""
        {"type": "object", "properties": {
          "name": {"type": "string"},
          "parent": {"oneOf": [{"type": "null"}, {"$ref": "#"}]},
          "children": {"type": "array", "items": {"$ref": "#"}}}}"""));

    assertEquals(Types.StructType.of(
        NestedField.optional(1, "name", Types.StringType.get()),
        NestedField.optional(2, "parent", Types.StringType.get()),
        NestedField.optional(3, "children", Types.ListType.ofRequired(4, Types.StringType.get()))), columns);
  }

  @Test
  void aDefinitionUsedTwiceWithoutRecursionIsNotCut() {
    Types.StructType columns = JsonSchemaColumns.of(schema("""
        {"type": "object", "definitions": {"Address": {"type": "object", "properties": {"city": {"type": "string"}}}},
         "properties": {"from": {"$ref": "#/definitions/Address"}, "to": {"$ref": "#/definitions/Address"}}}"""));

    assertEquals(Types.StructType.of(
        NestedField.optional(1, "from", Types.StructType.of(NestedField.optional(3, "city", Types.StringType.get()))),
        NestedField.optional(2, "to", Types.StructType.of(NestedField.optional(4, "city", Types.StringType.get())))), columns);
  }

  @Test
  void schemasWithoutColumnsOfTheirOwnAreJsonText() {
    assertEquals(Types.StringType.get(), columnOf("{}"));
    assertEquals(Types.StringType.get(), columnOf("true"));
    assertEquals(Types.StringType.get(), columnOf("{\"not\": {\"type\": \"string\"}}"));
    assertEquals(Types.StringType.get(), columnOf("{\"if\": {\"type\": \"string\"}, \"then\": {\"minLength\": 1}}"));
    assertEquals(Types.StringType.get(), columnOf("{\"type\": \"object\"}"));
    assertEquals(Types.StringType.get(), columnOf("{\"type\": \"array\"}"));
    assertEquals(Types.StringType.get(), columnOf("{\"type\": \"array\", \"items\": [{\"type\": \"string\"}]}"));
    assertEquals(Types.StringType.get(), columnOf("{\"enum\": [1, \"one\"]}"));
  }

  @Test
  void aSchemaThatIsNotAnObjectWithPropertiesIsOneColumnNamedValue() {
    assertEquals(Types.StructType.of(NestedField.required(1, JsonSchemaColumns.VALUE, Types.StringType.get())),
        JsonSchemaColumns.of(schema("{\"type\": \"string\"}")));
    assertEquals(Types.StructType.of(NestedField.optional(1, JsonSchemaColumns.VALUE, Types.StructType.of(
            NestedField.optional(2, "id", Types.LongType.get())))),
        JsonSchemaColumns.of(schema("""
            {"oneOf": [{"type": "null"}, {"type": "object", "properties": {"id": {"type": "integer"}}}]}""")));
  }

  @Test
  void aRefAtTheTopToAnObjectGivesItsPropertiesAsColumns() {
    assertEquals(Types.StructType.of(NestedField.optional(1, "id", Types.LongType.get())), JsonSchemaColumns.of(schema("""
        {"$ref": "#/definitions/Order", "definitions": {"Order": {"type": "object", "properties": {"id": {"type": "integer"}}}}}""")));
  }

  @Test
  void schemasAdmittingNoValueOrOnlyNullAreUnsupported() {
    assertUnsupported("false", "schema false admits no value");
    assertUnsupported("{\"type\": \"null\"}", "type null holds no data");
    assertUnsupported("{\"type\": \"object\", \"properties\": {\"gone\": {\"type\": \"null\"}}}", "at gone, type null");
    assertUnsupported("{\"oneOf\": [{\"type\": \"null\"}]}", "a union of null alone");
    assertUnsupported("{\"type\": \"decimal\"}", "unknown type decimal");
    assertUnsupported("{\"$ref\": \"#/definitions/Nowhere\"}", "$ref #/definitions/Nowhere names no schema");
  }

  @Test
  void aSchemaThatIsNotJsonIsUnsupported() {
    UnsupportedSchemaException e = assertThrows(UnsupportedSchemaException.class, () -> JsonValueCodec.of(schema(9, "{\"type\":")));
    assertTrue(e.getMessage().startsWith("Cannot map JSON schema 9 to columns: schema 9 is not JSON"), e.getMessage());
  }

  private static void assertUnsupported(String schema, String problem) {
    UnsupportedSchemaException e = assertThrows(UnsupportedSchemaException.class, () -> JsonSchemaColumns.of(schema(schema)));
    assertTrue(e.getMessage().startsWith("Cannot map JSON schema 1 to columns: ") && e.getMessage().contains(problem), e.getMessage());
  }

  /** The column a property of this schema becomes. */
  static Type columnOf(String propertySchema) {
    return JsonSchemaColumns.of(schema("{\"type\": \"object\", \"properties\": {\"v\": " + propertySchema + "}}")).field("v").type();
  }
}
