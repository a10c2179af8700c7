package io.floe.translator.value.inference;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * What the values seen at one place of a segment's documents are, widened as more are seen: the
 * first kind seen, {@code integer} widened to {@code number}, and any other two kinds together
 * (or a part below the depth cap) JSON text. Objects keep their properties in the order they first
 * appear; a {@code null} makes the part nullable without changing its kind.
 */
final class InferredPart {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The kinds of part, in JSON Schema's names where it has one. */
  enum Kind {
    NONE, BOOLEAN, INTEGER, NUMBER, STRING, OBJECT, ARRAY, TEXT;

    String schemaType() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The properties the inference may still make columns of; it only counts down. */
  static final class FieldBudget {
    private int left;

    FieldBudget(int fields) {
      this.left = Math.max(0, fields);
    }

    boolean take() {
      if (left == 0) {
        return false;
      }
      left--;
      return true;
    }
  }

  private Kind kind = Kind.NONE;
  private boolean nullable;
  private final Map<String, InferredPart> properties = new LinkedHashMap<>();
  private InferredPart items;

  /** Widens the part to hold the part {@code outline} is at, and moves the outline past it. */
  void add(DocumentOutline outline, FieldBudget budget) {
    DocumentOutline.Entry entry = outline.entry();
    if (entry == DocumentOutline.Entry.NULL) {
      nullable = true;
      outline.advance();
      return;
    }
    widen(kindOf(entry));
    if (kind == Kind.OBJECT) {
      outline.advance();
      while (outline.entry() != DocumentOutline.Entry.END) {
        String name = outline.name();
        outline.advance();
        InferredPart part = properties.get(name);
        if (part == null) {
          if (!budget.take()) {
            outline.skipPart();
            continue;
          }
          part = new InferredPart();
          properties.put(name, part);
        }
        part.add(outline, budget);
      }
      outline.advance();
    } else if (kind == Kind.ARRAY) {
      if (items == null) {
        items = new InferredPart();
      }
      outline.advance();
      while (outline.entry() != DocumentOutline.Entry.END) {
        items.add(outline, budget);
      }
      outline.advance();
    } else {
      outline.skipPart();
    }
  }

  /**
   * The JSON Schema of the part, nothing for a part that never held more than {@code null}: its
   * property stays out of the schema, and the value's shape keeps it. {@code column} is the type
   * of the table column the part lands in, null when the table has none: a property the table has
   * a column for is always kept, a new one only while {@code budget} lasts.
   */
  Optional<ObjectNode> schema(Type column, FieldBudget budget) {
    return switch (kind) {
      case NONE -> Optional.empty();
      case TEXT -> Optional.of(NODES.objectNode());
      case BOOLEAN, INTEGER, NUMBER, STRING -> Optional.of(typed());
      case ARRAY -> {
        ObjectNode array = typed();
        Type element = column != null && column.isListType() ? column.asListType().elementType() : null;
        items.schema(element, budget).ifPresent(schema -> array.set("items", schema));
        yield Optional.of(array);
      }
      case OBJECT -> objectSchema(column != null && column.isStructType() ? column.asStructType() : null, budget);
    };
  }

  private Optional<ObjectNode> objectSchema(Types.StructType columns, FieldBudget budget) {
    ObjectNode fields = NODES.objectNode();
    properties.forEach((name, part) -> {
      Types.NestedField existing = columns == null ? null : columns.field(name);
      if (existing != null || budget.take()) {
        part.schema(existing == null ? null : existing.type(), budget).ifPresent(schema -> fields.set(name, schema));
      }
    });
    if (fields.isEmpty()) {
      // Objects that never had a property with a value: no columns of their own, their JSON text.
      return Optional.of(NODES.objectNode());
    }
    ObjectNode object = NODES.objectNode().put("type", "object");
    object.set("properties", fields);
    if (!nullable) {
      return Optional.of(object);
    }
    // The mapping reads properties beside a type name only, so a nullable object is a union with null.
    ObjectNode union = NODES.objectNode();
    union.putArray("oneOf").add(NODES.objectNode().put("type", "null")).add(object);
    return Optional.of(union);
  }

  private ObjectNode typed() {
    ObjectNode schema = NODES.objectNode();
    if (nullable) {
      schema.putArray("type").add(kind.schemaType()).add("null");
    } else {
      schema.put("type", kind.schemaType());
    }
    return schema;
  }

  private void widen(Kind seen) {
    if (kind == seen || kind == Kind.TEXT) {
      return;
    }
    if (kind == Kind.NONE) {
      kind = seen;
    } else if (isNumber(kind) && isNumber(seen)) {
      kind = Kind.NUMBER;
    } else {
      kind = Kind.TEXT;
      properties.clear();
      items = null;
    }
  }

  private static boolean isNumber(Kind kind) {
    return kind == Kind.INTEGER || kind == Kind.NUMBER;
  }

  private static Kind kindOf(DocumentOutline.Entry entry) {
    return switch (entry) {
      case BOOLEAN -> Kind.BOOLEAN;
      case INTEGER -> Kind.INTEGER;
      case NUMBER -> Kind.NUMBER;
      case STRING -> Kind.STRING;
      case OBJECT -> Kind.OBJECT;
      case ARRAY -> Kind.ARRAY;
      case TEXT -> Kind.TEXT;
      case NULL, PROPERTY, END -> throw new IllegalStateException("Cannot widen a part with outline entry " + entry);
    };
  }
}
