package io.floe.plugin.values;

import io.floe.translator.value.ValueFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The value format of each topic: the first override whose pattern matches the whole topic name,
 * else the default. Overrides are written {@code pattern:format}, e.g. {@code logs-.*:raw}.
 */
public final class TopicFormats {
  private final ValueFormat defaultFormat;
  private final List<Override> overrides;

  private TopicFormats(ValueFormat defaultFormat, List<Override> overrides) {
    this.defaultFormat = defaultFormat;
    this.overrides = List.copyOf(overrides);
  }

  /**
   * @throws IllegalArgumentException naming the entry when one is not {@code pattern:format}
   */
  public static TopicFormats of(ValueFormat defaultFormat, List<String> overrides) {
    List<Override> parsed = new ArrayList<>(overrides.size());
    for (String entry : overrides) {
      int colon = entry.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("'" + entry + "' is not pattern:format");
      }
      String format = entry.substring(colon + 1);
      ValueFormat value = ValueFormat.fromLabel(format).orElseThrow(() -> new IllegalArgumentException(
          "'" + entry + "' names format '" + format + "', not one of auto, avro, protobuf, json, raw"));
      try {
        parsed.add(new Override(Pattern.compile(entry.substring(0, colon).trim()), value));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("'" + entry + "' has a pattern that does not compile: " + e.getDescription());
      }
    }
    return new TopicFormats(defaultFormat, parsed);
  }

  public ValueFormat formatOf(String topic) {
    for (Override override : overrides) {
      if (override.pattern().matcher(topic).matches()) {
        return override.format();
      }
    }
    return defaultFormat;
  }

  private record Override(Pattern pattern, ValueFormat format) {}
}
