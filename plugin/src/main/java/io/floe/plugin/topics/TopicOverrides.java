package io.floe.plugin.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigException;

/**
 * A setting that may differ per topic: a default, and overrides written {@code pattern:value}, each
 * pattern a Java regular expression that must match the whole topic name. A topic takes the value of
 * the first entry that matches it, else the default; every other entry that matches it must give
 * the same value, since an operator who writes two entries for one topic meant one of them and Floe
 * cannot tell which.
 *
 * <p>Topics are not known at broker start, so what can be checked then is: each entry's form, its
 * pattern, its value, and no two entries with the same pattern and different values. A topic
 * matching two entries with different patterns and values is refused when Floe first needs its
 * value ({@link AmbiguousTopicSettingException}).
 *
 * @param <V> the setting's values
 */
public final class TopicOverrides<V> {
  private final String key;
  private final V defaultValue;
  private final List<Entry<V>> entries;

  private TopicOverrides(String key, V defaultValue, List<Entry<V>> entries) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.entries = List.copyOf(entries);
  }

  /**
   * Parses the entries of {@code key}, each {@code pattern:value}, the value after the last colon
   * (a pattern may hold colons, a value may not).
   *
   * @param values the value a text stands for, or empty if it stands for none
   * @param expected what a value may be, as a refusal says it, e.g. {@code one of keep, follow-kafka}
   * @throws ConfigException naming {@code key} and the entry at fault
   */
  public static <V> TopicOverrides<V> parse(String key, V defaultValue, List<String> entries,
      Function<String, Optional<V>> values, String expected) {
    List<Entry<V>> parsed = new ArrayList<>(entries.size());
    for (String text : entries) {
      int colon = text.lastIndexOf(':');
      if (colon <= 0) {
        throw refused(key, entries, "entry '" + text + "' is not pattern:value");
      }
      String valueText = text.substring(colon + 1).trim();
      V value = values.apply(valueText).orElseThrow(() -> refused(key, entries,
          "entry '" + text + "' has value '" + valueText + "', not " + expected));
      Entry<V> entry = new Entry<>(text, compile(key, entries, text.substring(0, colon).trim()), value);
      for (Entry<V> earlier : parsed) {
        if (earlier.pattern().pattern().equals(entry.pattern().pattern()) && !earlier.value().equals(value)) {
          throw refused(key, entries, "entries '" + earlier.text() + "' and '" + text
              + "' give the same pattern different values");
        }
      }
      parsed.add(entry);
    }
    return new TopicOverrides<>(key, defaultValue, parsed);
  }

  /**
   * The setting of {@code key} that is {@code matched} for the topics {@code pattern} matches
   * whole and {@code unmatched} for every other, as {@code iceberg.topics} is.
   *
   * @throws ConfigException naming {@code key} if the pattern does not compile
   */
  public static <V> TopicOverrides<V> matching(String key, String pattern, V matched, V unmatched) {
    return new TopicOverrides<>(key, unmatched,
        List.of(new Entry<>(pattern, compile(key, List.of(pattern), pattern), matched)));
  }

  /**
   * The topic's value.
   *
   * @throws AmbiguousTopicSettingException if entries that match the topic give different values
   */
  public V valueOf(String topic) {
    Entry<V> chosen = null;
    for (Entry<V> entry : entries) {
      if (!entry.pattern().matcher(topic).matches()) {
        continue;
      }
      if (chosen == null) {
        chosen = entry;
      } else if (!chosen.value().equals(entry.value())) {
        throw new AmbiguousTopicSettingException(String.format(
            "Cannot choose %s for topic %s: it matches both '%s' and '%s', which give different values; "
                + "make the patterns exclusive", key, topic, chosen.text(), entry.text()));
      }
    }
    return chosen == null ? defaultValue : chosen.value();
  }

  private static Pattern compile(String key, Object setting, String pattern) {
    try {
      return Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw refused(key, setting, "pattern '" + pattern + "' does not compile: " + e.getDescription());
    }
  }

  private static ConfigException refused(String key, Object setting, String why) {
    return new ConfigException(key, setting, why);
  }

  private record Entry<V>(String text, Pattern pattern, V value) {}
}
