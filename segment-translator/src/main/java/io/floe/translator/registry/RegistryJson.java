package io.floe.translator.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The registry's JSON bodies: a schema (by id, or by subject and version) and an error. */
final class RegistryJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RegistryJson() {}

  /**
   * A schema answer. {@code id} is there only when looked up by subject and version;
   * {@code schemaType} is null for Avro, which the registry leaves out.
   */
  record SchemaAnswer(Optional<Integer> id, String schemaType, String schema, List<Reference> references) {}

  /** A reference as the registry lists it, not yet resolved. */
  record Reference(String name, String subject, int version) {}

  /** An error body: {@code {"error_code": 40403, "message": "Schema 7 not found"}}. */
  record ErrorAnswer(int errorCode, String message) {
    @Override
    public String toString() {
      return message + " (error " + errorCode + ")";
    }
  }

  /** A body that is not the JSON the registry documents for the request. */
  static final class UnreadableAnswerException extends Exception {
    UnreadableAnswerException(String message) {
      super(message);
    }
  }

  static SchemaAnswer schema(String body) throws UnreadableAnswerException {
    JsonNode root = tree(body);
    JsonNode schema = root.get("schema");
    if (schema == null || !schema.isTextual()) {
      throw new UnreadableAnswerException("it has no schema field");
    }
    JsonNode id = root.get("id");
    JsonNode type = root.get("schemaType");
    return new SchemaAnswer(
        id != null && id.canConvertToInt() ? Optional.of(id.intValue()) : Optional.empty(),
        type != null && type.isTextual() ? type.textValue() : null,
        schema.textValue(),
        references(root.get("references")));
  }

  static Optional<ErrorAnswer> error(String body) {
    try {
      JsonNode root = tree(body);
      JsonNode code = root.get("error_code");
      if (code == null || !code.canConvertToInt()) {
        return Optional.empty();
      }
      return Optional.of(new ErrorAnswer(code.intValue(), root.path("message").asText("")));
    } catch (UnreadableAnswerException e) {
      return Optional.empty();
    }
  }

  private static List<Reference> references(JsonNode references) throws UnreadableAnswerException {
    List<Reference> parsed = new ArrayList<>();
    if (references == null || references.isNull()) {
      return parsed;
    }
    if (!references.isArray()) {
      throw new UnreadableAnswerException("its references are not a list");
    }
    for (JsonNode reference : references) {
      JsonNode name = reference.get("name");
      JsonNode subject = reference.get("subject");
      JsonNode version = reference.get("version");
      if (name == null || subject == null || version == null || !version.canConvertToInt()) {
        throw new UnreadableAnswerException("a reference lacks its name, subject or version: " + reference);
      }
      parsed.add(new Reference(name.asText(), subject.asText(), version.intValue()));
    }
    return parsed;
  }

  private static JsonNode tree(String body) throws UnreadableAnswerException {
    try {
      JsonNode root = MAPPER.readTree(body);
      if (root == null || !root.isObject()) {
        throw new UnreadableAnswerException("it is not a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new UnreadableAnswerException("it is not JSON (" + e.getOriginalMessage() + ")");
    }
  }
}
