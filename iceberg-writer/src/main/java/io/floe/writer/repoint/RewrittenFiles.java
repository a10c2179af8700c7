package io.floe.writer.repoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.util.JsonUtil;

/**
 * Files only the Kafka view holds whose rows Floe copied into a larger file of the branch, and
 * where: the copy's location and the row its rows start at, in order. Their segments are re-pointed
 * at the copy by position alone, in the pass that made it or, after a stop, in the next. Kept in the
 * table property {@value #PROPERTY} (JSON), changed in the commit that adds the copy to the branch,
 * so that a copy in the branch always says whose rows it holds; an entry goes when its file leaves
 * the manifests.
 */
record RewrittenFiles(Map<String, Placement> into) {
  static final String PROPERTY = "floe.kafka-view.rewritten";
  private static final String FILE = "file";
  private static final String FIRST_ROW = "first-row";

  /** Where a rewritten file's rows are: in {@code file} from row {@code firstRow}, in their order. */
  record Placement(String file, long firstRow) {}

  RewrittenFiles {
    into = Map.copyOf(into);
  }

  static RewrittenFiles of(Table table) {
    String json = table.properties().get(PROPERTY);
    if (json == null) {
      return new RewrittenFiles(Map.of());
    }
    Map<String, Placement> into = new TreeMap<>();
    JsonUtil.parse(json, node -> node).fields().forEachRemaining(entry -> {
      JsonNode placement = entry.getValue();
      into.put(entry.getKey(), new Placement(placement.get(FILE).asText(), placement.get(FIRST_ROW).asLong()));
    });
    return new RewrittenFiles(into);
  }

  RewrittenFiles with(Map<String, Placement> more) {
    Map<String, Placement> next = new TreeMap<>(into);
    next.putAll(more);
    return new RewrittenFiles(next);
  }

  void write(UpdateProperties properties) {
    if (into.isEmpty()) {
      properties.remove(PROPERTY);
    } else {
      properties.set(PROPERTY, JsonUtil.generate(generator -> {
        generator.writeStartObject();
        for (Map.Entry<String, Placement> entry : new TreeMap<>(into).entrySet()) {
          generator.writeObjectFieldStart(entry.getKey());
          generator.writeStringField(FILE, entry.getValue().file());
          generator.writeNumberField(FIRST_ROW, entry.getValue().firstRow());
          generator.writeEndObject();
        }
        generator.writeEndObject();
      }, false));
    }
    properties.commit();
  }
}
