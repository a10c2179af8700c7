package io.floe.e2e.strimzi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Strimzi resources of one example file, its YAML documents read into Strimzi's own model of
 * them, after each placeholder of {@code substitutions} is replaced by what a test runs against. A
 * field that Strimzi's model does not know fails the read: Strimzi would only warn and ignore it,
 * and the example would not do what it says.
 */
public record StrimziManifest(Path file, Kafka kafka, List<KafkaNodePool> nodePools) {
  static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  public StrimziManifest {
    nodePools = List.copyOf(nodePools);
  }

  /** Reads {@code file}, each key of {@code substitutions} replaced by its value: every one must be there. */
  public static StrimziManifest read(Path file, Map<String, String> substitutions) {
    String text = substituted(file, substitutions);
    List<Kafka> kafkas = new ArrayList<>();
    List<KafkaNodePool> nodePools = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        String kind = document.path("kind").asText();
        String where = file + ": " + kind + " " + document.path("metadata").path("name").asText();
        switch (kind) {
          case "Kafka" -> kafkas.add(UnknownFields.rejected(YAML.treeToValue(document, Kafka.class), where));
          case "KafkaNodePool" -> nodePools.add(UnknownFields.rejected(YAML.treeToValue(document, KafkaNodePool.class), where));
          default -> throw new IllegalArgumentException("Cannot read " + where + ": the examples hold only Kafka and KafkaNodePool resources");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the Strimzi resources of " + file, e);
    }
    if (kafkas.size() != 1) {
      throw new IllegalArgumentException("Cannot read " + file + ": " + kafkas.size() + " Kafka resources, not one");
    }
    return new StrimziManifest(file, kafkas.get(0), nodePools);
  }

  private static String substituted(Path file, Map<String, String> substitutions) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    for (Map.Entry<String, String> substitution : substitutions.entrySet()) {
      if (!text.contains(substitution.getKey())) {
        throw new IllegalArgumentException("Cannot substitute " + substitution.getKey() + " in " + file + ": it is not there");
      }
      text = text.replace(substitution.getKey(), substitution.getValue());
    }
    return text;
  }
}
