package io.floe.translator.value.json;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaReference;
import io.floe.translator.value.UnsupportedSchemaException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON schema and the schemas it refers to, parsed, and the {@code $ref}s between them resolved: a
 * fragment ({@code #/definitions/Line}, {@code #/$defs/Line}, {@code #}) within the document it
 * occurs in, anything before {@code #} by the name of one of the schema's references.
 */
final class SchemaDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A schema and the document it is part of, against which its own {@code $ref}s resolve. */
  record Located(JsonNode document, JsonNode schema) {}

  private final RegisteredSchema registered;
  private final JsonNode root;
  private final Map<String, JsonNode> byReferenceName = new HashMap<>();

  private SchemaDocuments(RegisteredSchema registered, JsonNode root) {
    this.registered = registered;
    this.root = root;
  }

  /** @throws UnsupportedSchemaException when the schema or one it refers to is not JSON */
  static SchemaDocuments of(RegisteredSchema schema) {
    SchemaDocuments documents = new SchemaDocuments(schema, parse(schema, schema));
    for (SchemaReference reference : schema.referencesInDependencyOrder()) {
      documents.byReferenceName.put(reference.name(), parse(schema, reference.schema()));
    }
    return documents;
  }

  RegisteredSchema registered() {
    return registered;
  }

  JsonNode root() {
    return root;
  }

  /** The schema {@code ref} names, from within {@code document}; empty when it names none. */
  Optional<Located> resolve(String ref, JsonNode document) {
    int hash = ref.indexOf('#');
    String name = hash < 0 ? ref : ref.substring(0, hash);
    String fragment = hash < 0 ? "" : ref.substring(hash + 1);
    JsonNode target = name.isEmpty() ? document : byReferenceName.get(name);
    if (target == null) {
      return Optional.empty();
    }
    JsonNode schema;
    try {
      schema = target.at(JsonPointer.compile(fragment));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return schema.isMissingNode() ? Optional.empty() : Optional.of(new Located(target, schema));
  }

  private static JsonNode parse(RegisteredSchema schema, RegisteredSchema text) {
    try {
      return JSON.readTree(text.schema());
    } catch (JsonProcessingException e) {
      throw new UnsupportedSchemaException(String.format("Cannot map JSON schema %d to columns: schema %d is not JSON: %s",
          schema.id(), text.id(), e.getOriginalMessage()));
    }
  }
}
