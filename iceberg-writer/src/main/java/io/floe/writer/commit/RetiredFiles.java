package io.floe.writer.commit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.util.JsonUtil;

/**
 * Files of the Kafka view's branch that may no longer be listed by any manifest, with when that was
 * first seen: a segment re-pointed away from them, or deleted while it shared them with others.
 * They leave the branch only once a pass of re-pointing finds them unlisted for the grace period,
 * so that a fetch opened from a manifest read before it was re-pointed still finds them. Kept in
 * the table property {@value #PROPERTY} (JSON, location to epoch milliseconds), which changes in
 * the same Iceberg commit as the branch; it holds only the files of the last grace period.
 */
public record RetiredFiles(Map<String, Instant> since) {
  public static final String PROPERTY = "floe.kafka-view.retired";

  public RetiredFiles {
    since = Map.copyOf(since);
  }

  public static RetiredFiles of(Table table) {
    String json = table.properties().get(PROPERTY);
    if (json == null) {
      return new RetiredFiles(Map.of());
    }
    JsonNode node = JsonUtil.parse(json, n -> n);
    Map<String, Instant> since = new TreeMap<>();
    node.fields().forEachRemaining(entry -> since.put(entry.getKey(), Instant.ofEpochMilli(entry.getValue().asLong())));
    return new RetiredFiles(since);
  }

  /**
   * The files retired now: those of {@code unlisted} already retired keep their time, the others
   * are retired at {@code now}; files no longer unlisted are forgotten.
   */
  public RetiredFiles next(Set<String> unlisted, Instant now) {
    Map<String, Instant> next = new TreeMap<>();
    unlisted.forEach(location -> next.put(location, since.getOrDefault(location, now)));
    return new RetiredFiles(next);
  }

  /** These files too, retired at {@code now} unless they already are. */
  public RetiredFiles adding(Collection<String> files, Instant now) {
    Map<String, Instant> next = new TreeMap<>(since);
    files.forEach(location -> next.putIfAbsent(location, now));
    return new RetiredFiles(next);
  }

  /** The files retired at least {@code grace} before {@code now}: they may leave the branch. */
  public Set<String> due(Instant now, Duration grace) {
    return since.entrySet().stream().filter(entry -> !entry.getValue().plus(grace).isAfter(now))
        .map(Map.Entry::getKey).collect(Collectors.toSet());
  }

  public RetiredFiles without(Set<String> released) {
    Map<String, Instant> rest = new TreeMap<>(since);
    rest.keySet().removeAll(released);
    return new RetiredFiles(rest);
  }

  public void write(UpdateProperties properties) {
    if (since.isEmpty()) {
      properties.remove(PROPERTY);
    } else {
      properties.set(PROPERTY, JsonUtil.generate(generator -> {
        generator.writeStartObject();
        for (Map.Entry<String, Instant> entry : new TreeMap<>(since).entrySet()) {
          generator.writeNumberField(entry.getKey(), entry.getValue().toEpochMilli());
        }
        generator.writeEndObject();
      }, false));
    }
    properties.commit();
  }
}
