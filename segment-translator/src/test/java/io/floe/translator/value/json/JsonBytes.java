package io.floe.translator.value.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaReference;
import io.floe.translator.registry.SchemaType;
import java.util.List;
import java.util.Optional;

/** Payloads as Confluent's {@code KafkaJsonSchemaSerializer} writes them, and schemas as the registry serves them. */
public final class JsonBytes {
  /**
   * The serializer's mapper: a default {@code ObjectMapper} as it writes on JDK 19 and later, whose
   * {@code Double.toString} writes the shortest digits, on whichever JDK the tests run. (What JDK 17
   * writes longer is kept raw: {@code JsonValuesKeptRawTest}.)
   */
  private static final ObjectMapper PRODUCER = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

  private JsonBytes() {}

  /** The payload of a Java object (a record, a POJO, a map, a list, a string, a number), as the serializer writes it. */
  public static byte[] write(Object value) {
    try {
      return PRODUCER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static RegisteredSchema schema(String text, SchemaReference... references) {
    return schema(1, text, references);
  }

  static RegisteredSchema schema(int id, String text, SchemaReference... references) {
    return new RegisteredSchema(id, SchemaType.JSON, text, Optional.empty(), List.of(references));
  }
}
