package io.floe.translator.value.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaType;
import io.floe.translator.value.WriterSchema;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * The JSON Schema of a segment's schemaless JSON values, inferred from the values themselves
 * (docs/data-model.md, "Schemaless JSON values"): every value that is one JSON object widens it
 * ({@link InferredPart}), in segment order, so the same segment always gives the same schema. The
 * schema is the segment's writer schema for those values, with {@link WriterSchema#INFERRED_ID}
 * for an id: the manifest keeps it as it keeps a registry's, and the JSON Schema codec types and
 * rebuilds the values with it.
 *
 * <p>One inference serves one upload, on one thread.
 */
public final class SchemaInference {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMMENT = "Inferred by Floe from the segment's schemaless JSON values";

  private final JsonInference caps;
  private final InferredPart root = new InferredPart();
  private final InferredPart.FieldBudget budget;
  private final DocumentOutline outline = new DocumentOutline();
  private boolean seenObject;

  public SchemaInference(JsonInference caps) {
    this.caps = caps;
    this.budget = new InferredPart.FieldBudget(caps.maxFields());
  }

  /** Widens the schema to hold {@code value} when it is one JSON object; other values have no part in it. */
  public void add(byte[] value) {
    // As the JSON codec reads a payload: one value, nothing after it.
    if (outline.read(value, caps.maxDepth())) {
      seenObject = true;
      root.add(outline, budget);
    }
  }

  /** The inferred writer schema, or nothing when no value was a JSON object. */
  public Optional<RegisteredSchema> schema() {
    return schema(null, Integer.MAX_VALUE);
  }

  /**
   * The inferred writer schema for a table whose value columns (all but {@code _kafka}) are
   * {@code columns}: a property the table has a column for is kept; a new one only while the
   * table's columns and the new properties kept so far, in the order they first appeared, number
   * fewer than the cap on fields. So a table's inferred columns stay within the cap whatever its
   * segments hold; past it, new properties are in each value's shape.
   */
  public Optional<RegisteredSchema> schemaFor(Types.StructType columns) {
    return schema(columns, caps.maxFields() - TypeUtil.indexById(columns).size());
  }

  private Optional<RegisteredSchema> schema(Types.StructType columns, int newFields) {
    if (!seenObject) {
      return Optional.empty();
    }
    ObjectNode schema = JSON.createObjectNode().put("$comment", COMMENT);
    schema.setAll(root.schema(columns, new InferredPart.FieldBudget(newFields)).orElseThrow());
    return Optional.of(new RegisteredSchema(WriterSchema.INFERRED_ID, SchemaType.JSON, schema.toString(), Optional.empty(),
        List.of()));
  }
}
