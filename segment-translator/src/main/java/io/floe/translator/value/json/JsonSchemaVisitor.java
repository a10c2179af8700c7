package io.floe.translator.value.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.floe.translator.value.UnsupportedSchemaException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A walk over a JSON schema that sorts each part into what its values are, in the manner of
 * {@code AvroSchemaVisitor}: a visitor gets the results of a part's children as suppliers and decides
 * when to visit them. It follows {@code $ref}s; a reference to a schema that encloses it is handed
 * to {@link #recursion}. {@code type} decides a part's kind when present; composition and
 * constraint keywords beside it ({@code allOf}, {@code not}, {@code minimum}, …) only narrow its
 * values, which typed values are checked against anyway. Suppliers must be called during the visit
 * that receives them.
 */
abstract class JsonSchemaVisitor<T> {
  private final SchemaDocuments documents;
  private final Set<JsonNode> enclosing = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Deque<JsonNode> documentStack = new ArrayDeque<>();
  private final Deque<String> path = new ArrayDeque<>();

  JsonSchemaVisitor(SchemaDocuments documents) {
    this.documents = documents;
    documentStack.push(documents.root());
  }

  /** One of an object's {@code properties}: whether its object's {@code required} lists it, and its part, visited on demand. */
  record Property<T>(String name, JsonNode schema, boolean required, Supplier<T> value) {}

  /** An object with {@code properties}, in schema order. */
  abstract T object(List<Property<T>> properties);

  /** An object with {@code additionalProperties} and no {@code properties}. */
  abstract T map(Supplier<T> values);

  abstract T array(Supplier<T> items);

  /** {@code null} or one other schema. */
  abstract T option(Supplier<T> value);

  /** Several schemas besides {@code null}, each with the name of its field. */
  abstract T union(List<String> names, List<Supplier<T>> branches, boolean nullable);

  abstract T scalar(ScalarColumn scalar);

  /** An {@code enum} or {@code const} of strings. */
  abstract T symbols(Set<String> symbols);

  /** A schema whose values have no columns of their own: any JSON value it admits. */
  abstract T text(JsonNode schema);

  /** A {@code $ref} to a schema inside itself. */
  abstract T recursion(JsonNode schema);

  /** Where the walk is, as property names from the root ({@code items}, {@code additionalProperties} and branch names inside). */
  String path() {
    return path.isEmpty() ? "the value itself" : String.join(".", (Iterable<String>) path::descendingIterator);
  }

  UnsupportedSchemaException unsupported(String problem) {
    return new UnsupportedSchemaException(String.format("Cannot map JSON schema %d to columns: at %s, %s",
        documents.registered().id(), path(), problem));
  }

  T visit(JsonNode schema) {
    if (schema.isBoolean()) {
      if (!schema.booleanValue()) {
        throw unsupported("schema false admits no value");
      }
      return text(schema);
    }
    if (!schema.isObject()) {
      throw unsupported("a schema must be an object or a boolean, not " + schema.getNodeType().name().toLowerCase());
    }
    if (!enclosing.add(schema)) {
      return recursion(schema);
    }
    try {
      return schema.has("$ref") ? visitRef(schema.get("$ref")) : visitKind(schema);
    } finally {
      enclosing.remove(schema);
    }
  }

  /** Whether the schema, its {@code $ref}s followed, is an object with properties: one whose properties are the columns. */
  boolean hasProperties(JsonNode schema) {
    JsonNode document = documentStack.peek();
    Set<JsonNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    while (schema.isObject() && schema.has("$ref") && seen.add(schema)) {
      SchemaDocuments.Located target = resolve(schema.get("$ref"), document);
      document = target.document();
      schema = target.schema();
    }
    return isObjectWithProperties(schema);
  }

  private T visitRef(JsonNode ref) {
    SchemaDocuments.Located target = resolve(ref, documentStack.peek());
    documentStack.push(target.document());
    try {
      return visit(target.schema());
    } finally {
      documentStack.pop();
    }
  }

  private SchemaDocuments.Located resolve(JsonNode ref, JsonNode document) {
    if (!ref.isTextual()) {
      throw unsupported("$ref must be a string");
    }
    return documents.resolve(ref.textValue(), document)
        .orElseThrow(() -> unsupported("$ref " + ref.textValue() + " names no schema here or in the references"));
  }

  private T visitKind(JsonNode schema) {
    if (schema.has("enum")) {
      return symbols(schema, schema.get("enum"));
    }
    if (schema.has("const")) {
      return symbols(schema, JsonNodeFactory.instance.arrayNode().add(schema.get("const")));
    }
    JsonNode type = schema.get("type");
    if (type == null) {
      boolean oneOf = schema.has("oneOf");
      if (oneOf != schema.has("anyOf") && schema.get(oneOf ? "oneOf" : "anyOf").isArray()) {
        return branches(schema.get(oneOf ? "oneOf" : "anyOf"));
      }
      return text(schema);
    }
    if (type.isTextual()) {
      if (type.textValue().equals("null")) {
        throw unsupported("type null holds no data outside a union");
      }
      return ofType(type.textValue(), schema);
    }
    if (!type.isArray()) {
      throw unsupported("type must be a name or a list of names");
    }
    return types(type, schema);
  }

  private T symbols(JsonNode schema, JsonNode values) {
    Set<String> symbols = new LinkedHashSet<>();
    boolean nullable = false;
    for (JsonNode value : values) {
      if (value.isNull()) {
        nullable = true;
      } else if (value.isTextual()) {
        symbols.add(value.textValue());
      } else {
        return text(schema);
      }
    }
    if (symbols.isEmpty()) {
      throw unsupported(nullable ? "an enum of null alone holds no data" : "an empty enum admits no value");
    }
    return nullable ? option(() -> symbols(symbols)) : symbols(symbols);
  }

  private T types(JsonNode type, JsonNode schema) {
    List<String> names = new ArrayList<>();
    boolean nullable = false;
    for (JsonNode name : type) {
      if (!name.isTextual()) {
        throw unsupported("type must be a name or a list of names");
      }
      if (name.textValue().equals("null")) {
        nullable = true;
      } else if (!names.contains(name.textValue())) {
        names.add(name.textValue());
      }
    }
    if (names.isEmpty()) {
      throw unsupported("type null holds no data outside a union");
    }
    List<Supplier<T>> branches = names.stream().map(name -> child(name, () -> ofType(name, schema))).toList();
    if (names.size() == 1) {
      return nullable ? option(branches.get(0)) : branches.get(0).get();
    }
    return union(names, branches, nullable);
  }

  private T branches(JsonNode schemas) {
    List<JsonNode> values = new ArrayList<>();
    boolean nullable = false;
    for (JsonNode branch : schemas) {
      if (isNull(branch)) {
        nullable = true;
      } else {
        values.add(branch);
      }
    }
    if (values.isEmpty()) {
      throw unsupported("a union of null alone holds no data");
    }
    List<String> names = BranchNames.of(values);
    List<Supplier<T>> branches = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      JsonNode branch = values.get(i);
      branches.add(child(names.get(i), () -> visit(branch)));
    }
    if (values.size() == 1) {
      return nullable ? option(branches.get(0)) : branches.get(0).get();
    }
    return union(names, branches, nullable);
  }

  private T ofType(String type, JsonNode schema) {
    return switch (type) {
      case "object" -> ofObject(schema);
      case "array" -> (schema.path("items").isObject() || schema.path("items").isBoolean()) && !schema.has("prefixItems")
          ? array(child("items", () -> visit(schema.get("items"))))
          : text(schema);
      case "string", "integer", "number", "boolean" -> scalar(ScalarTypes.of(type, schema));
      default -> throw unsupported("unknown type " + type);
    };
  }

  private T ofObject(JsonNode schema) {
    if (isObjectWithProperties(schema)) {
      Set<String> required = new HashSet<>();
      schema.path("required").forEach(name -> required.add(name.asText()));
      List<Property<T>> properties = new ArrayList<>();
      for (Map.Entry<String, JsonNode> property : schema.get("properties").properties()) {
        properties.add(new Property<>(property.getKey(), property.getValue(), required.contains(property.getKey()),
            child(property.getKey(), () -> visit(property.getValue()))));
      }
      return object(properties);
    }
    JsonNode additional = schema.get("additionalProperties");
    if (additional != null && !schema.has("patternProperties") && (additional.isObject() || additional.booleanValue())) {
      return map(child("additionalProperties", () -> visit(additional)));
    }
    return text(schema);
  }

  private static boolean isObjectWithProperties(JsonNode schema) {
    return schema.isObject() && "object".equals(schema.path("type").textValue()) && !schema.has("enum") && !schema.has("const")
        && schema.path("properties").isObject() && !schema.get("properties").isEmpty();
  }

  private static boolean isNull(JsonNode branch) {
    return branch.isObject() && "null".equals(branch.path("type").textValue());
  }

  private Supplier<T> child(String name, Supplier<T> visit) {
    return () -> {
      path.push(name);
      try {
        return visit.get();
      } finally {
        path.pop();
      }
    };
  }
}
