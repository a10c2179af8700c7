package io.floe.translator.value.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.value.WriterSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void propertiesBecomeTheSchemasPropertiesInTheOrderTheyFirstAppear() {
    JsonNode schema = inferred(JsonInference.DEFAULT, "{\"id\":1,\"name\":\"a\"}", "{\"ok\":true,\"id\":2}");

    assertEquals("{\"id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},\"ok\":{\"type\":\"boolean\"}}",
        schema.get("properties").toString());
  }

  @Test
  void anIntegerPropertyWidensToNumberWhenAValueHasAFraction() {
    JsonNode schema = inferred(JsonInference.DEFAULT, "{\"price\":3}", "{\"price\":2.5}", "{\"price\":4}");

    assertEquals("{\"type\":\"number\"}", schema.at("/properties/price").toString());
  }

  @Test
  void anIntegerBeyondALongMakesItsPropertyANumber() {
    JsonNode schema = inferred(JsonInference.DEFAULT, "{\"n\":1}", "{\"n\":18446744073709551615}");

    assertEquals("{\"type\":\"number\"}", schema.at("/properties/n").toString());
  }

  @Test
  void aPropertySeenWithKindsThatDoNotWidenIsJsonText() {
    JsonNode schema = inferred(JsonInference.DEFAULT, "{\"v\":{\"a\":1}}", "{\"v\":\"x\"}", "{\"v\":[1]}");

    assertEquals("{}", schema.at("/properties/v").toString());
  }

  @Test
  void nestedObjectsAreObjectsAndArraysHaveTheirElementsMerged() {
    JsonNode schema = inferred(JsonInference.DEFAULT, "{\"user\":{\"id\":1},\"tags\":[\"a\"]}",
        "{\"user\":{\"id\":2,\"vip\":false},\"tags\":[]}");

    assertEquals("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"vip\":{\"type\":\"boolean\"}}}",
        schema.at("/properties/user").toString());
    assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", schema.at("/properties/tags").toString());
  }

  @Test
  void aNullMakesAPropertyNullableAndANullableObjectAUnionWithNull() {
    JsonNode schema = inferred(JsonInference.DEFAULT, "{\"s\":null,\"o\":{\"a\":1}}", "{\"s\":\"x\",\"o\":null}");

    assertEquals("{\"type\":[\"string\",\"null\"]}", schema.at("/properties/s").toString());
    assertEquals("{\"oneOf\":[{\"type\":\"null\"},{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}]}",
        schema.at("/properties/o").toString());
  }

  @Test
  void aPropertyOnlyEverNullHasNoPartInTheSchema() {
    JsonNode schema = inferred(JsonInference.DEFAULT, "{\"a\":1,\"gone\":null}");

    assertEquals("{\"a\":{\"type\":\"integer\"}}", schema.get("properties").toString());
  }

  @Test
  void propertiesBeyondTheFieldCapAreLeftOutWhereverTheyAre() {
    JsonNode schema = inferred(new JsonInference(3, 16), "{\"a\":1,\"o\":{\"b\":1,\"c\":1}}", "{\"d\":1}");

    assertEquals("{\"a\":{\"type\":\"integer\"},\"o\":{\"type\":\"object\",\"properties\":{\"b\":{\"type\":\"integer\"}}}}",
        schema.get("properties").toString());
  }

  @Test
  void forATableAtItsCapOnlyPropertiesItHasColumnsForAreKept() {
    SchemaInference inference = new SchemaInference(new JsonInference(5, 16));
    inference.add("{\"new\":1,\"id\":1,\"o\":{\"a\":1,\"b\":true}}".getBytes(StandardCharsets.UTF_8));
    Types.StructType table = Types.StructType.of(Types.NestedField.optional(1, "id", Types.LongType.get()),
        Types.NestedField.optional(2, "o", Types.StructType.of(Types.NestedField.optional(3, "a", Types.LongType.get()))),
        Types.NestedField.optional(4, "x", Types.StringType.get()), Types.NestedField.optional(5, "y", Types.StringType.get()));

    JsonNode schema = parsed(inference.schemaFor(table).orElseThrow().schema());

    assertEquals("{\"id\":{\"type\":\"integer\"},\"o\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}}",
        schema.get("properties").toString());
  }

  @Test
  void forATableBelowItsCapNewPropertiesAreKeptInTheOrderTheyFirstAppearedUntilItIsReached() {
    SchemaInference inference = new SchemaInference(new JsonInference(3, 16));
    inference.add("{\"id\":1,\"b\":1,\"c\":1}".getBytes(StandardCharsets.UTF_8));
    Types.StructType table = Types.StructType.of(Types.NestedField.optional(1, "id", Types.LongType.get()),
        Types.NestedField.optional(2, "_json_shape", Types.BinaryType.get()));

    JsonNode schema = parsed(inference.schemaFor(table).orElseThrow().schema());

    assertEquals("{\"id\":{\"type\":\"integer\"},\"b\":{\"type\":\"integer\"}}", schema.get("properties").toString());
  }

  @Test
  void partsBelowTheDepthCapAreJsonText() {
    JsonNode schema = inferred(new JsonInference(500, 2), "{\"a\":{\"b\":{\"c\":1}},\"l\":[[1]]}");

    assertEquals("{}", schema.at("/properties/a/properties/b").toString());
    assertEquals("{}", schema.at("/properties/l/items").toString());
  }

  @Test
  void valuesThatAreNoJsonObjectHaveNoPartInTheSchema() {
    SchemaInference inference = new SchemaInference(JsonInference.DEFAULT);
    for (String value : new String[] {"[1]", "7", "\"text\"", "null", "{\"a\":1} {}", "{\"a\":", "not json"}) {
      inference.add(value.getBytes(StandardCharsets.UTF_8));
    }
    inference.add(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'});

    assertEquals(Optional.empty(), inference.schema());
  }

  @Test
  void aPropertyWrittenTwiceWidensWithEachOfItsValues() {
    JsonNode schema = inferred(JsonInference.DEFAULT, "{\"v\":1,\"v\":\"x\",\"w\":2,\"w\":2.5}");

    assertEquals("{}", schema.at("/properties/v").toString());
    assertEquals("{\"type\":\"number\"}", schema.at("/properties/w").toString());
  }

  @Test
  void aValueBrokenInsideAStringHasNoPartInTheSchema() {
    SchemaInference inference = new SchemaInference(JsonInference.DEFAULT);
    inference.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'});
    inference.add("{\"a\":\"x\",\"b\":\"\\q\"}".getBytes(StandardCharsets.UTF_8));

    assertEquals(Optional.empty(), inference.schema());
  }

  @Test
  void theSchemaHasTheInferredIdAndTheSameValuesGiveTheSameText() {
    String[] values = {"{\"a\":1,\"b\":[{\"c\":\"x\"}]}", "{\"b\":[],\"a\":2.5}"};

    assertEquals(WriterSchema.INFERRED_ID, schemaOf(JsonInference.DEFAULT, values).id());
    assertEquals(schemaOf(JsonInference.DEFAULT, values).schema(), schemaOf(JsonInference.DEFAULT, values).schema());
    assertTrue(schemaOf(JsonInference.DEFAULT, values).schema().startsWith("{\"$comment\":"));
  }

  private static RegisteredSchema schemaOf(JsonInference caps, String... values) {
    SchemaInference inference = new SchemaInference(caps);
    for (String value : values) {
      inference.add(value.getBytes(StandardCharsets.UTF_8));
    }
    return inference.schema().orElseThrow();
  }

  private static JsonNode inferred(JsonInference caps, String... values) {
    return parsed(schemaOf(caps, values).schema());
  }

  private static JsonNode parsed(String schema) {
    try {
      return JSON.readTree(schema);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
