package io.floe.e2e.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes JSON Schema values as Confluent's {@code KafkaJsonSchemaSerializer} does: framed, then
 * the value as a default Jackson {@code ObjectMapper} writes it.
 */
final class JsonSchemaValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonSchemaValues() {}

  static byte[] serialize(int schemaId, Object value) {
    try {
      return ConfluentFraming.framed(schemaId, JSON.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write " + value + " as JSON", e);
    }
  }
}
