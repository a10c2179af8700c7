package io.floe.plugin.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Entries naming topics exactly give each its own value, whatever the names and the order. */
class TopicOverridesProperties {
  @Property(tries = 200)
  void eachNamedTopicTakesItsValueAndEveryOtherTheDefault(
      @ForAll("topicValues") Map<String, Integer> values, @ForAll("topics") String other) {
    List<String> entries = new ArrayList<>();
    values.forEach((topic, value) -> entries.add(Pattern.quote(topic) + ":" + value));
    TopicOverrides<Integer> overrides = TopicOverrides.parse("k", -1, entries, TopicOverridesProperties::number, "a number");

    values.forEach((topic, value) -> assertEquals(value, overrides.valueOf(topic)));
    assertEquals(values.getOrDefault(other, -1), overrides.valueOf(other));
  }

  @Provide
  Arbitrary<Map<String, Integer>> topicValues() {
    return Arbitraries.maps(topics(), Arbitraries.integers().between(0, 9)).ofMaxSize(8);
  }

  /** Kafka's topic names: letters, digits, '.', '_' and '-'. */
  @Provide
  Arbitrary<String> topics() {
    return Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(1).ofMaxLength(12);
  }

  private static Optional<Integer> number(String text) {
    try {
      return Optional.of(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
