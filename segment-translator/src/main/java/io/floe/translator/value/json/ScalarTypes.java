package io.floe.translator.value.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The column of a scalar type, as its {@code format} and Kafka Connect's {@code connect.type}
 * annotation narrow it: an {@code integer} Connect calls {@code int8}, {@code int16} or {@code int32}
 * is an int, a {@code number} it calls {@code float32} a float, a {@code string} it calls
 * {@code bytes} base64 binary.
 */
final class ScalarTypes {
  private static final String CONNECT_TYPE = "connect.type";
  private static final Set<String> CONNECT_INTS = Set.of("int8", "int16", "int32");

  private ScalarTypes() {}

  /** {@code type} is one of {@code string}, {@code integer}, {@code number}, {@code boolean}. */
  static ScalarColumn of(String type, JsonNode schema) {
    String connectType = schema.path(CONNECT_TYPE).asText();
    return switch (type) {
      case "integer" -> CONNECT_INTS.contains(connectType) ? ScalarColumn.INT : ScalarColumn.LONG;
      case "number" -> connectType.equals("float32") ? ScalarColumn.FLOAT : ScalarColumn.DOUBLE;
      case "boolean" -> ScalarColumn.BOOLEAN;
      default -> connectType.equals("bytes") ? ScalarColumn.BINARY : switch (schema.path("format").asText()) {
        case "date" -> ScalarColumn.DATE;
        case "date-time" -> ScalarColumn.TIMESTAMPTZ;
        case "uuid" -> ScalarColumn.UUID;
        default -> ScalarColumn.STRING;
      };
    };
  }
}
