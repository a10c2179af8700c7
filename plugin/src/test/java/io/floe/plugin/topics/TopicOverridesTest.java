package io.floe.plugin.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Per-topic settings: the matching entry's value, else the default; what cannot be meant is refused. */
class TopicOverridesTest {
  private static final String KEY = "table.retention.overrides";

  @Test
  void aTopicTakesTheValueOfTheEntryMatchingItsWholeName() {
    TopicOverrides<String> overrides = parse(List.of("logs-.*:follow-kafka", "payments:keep"));

    assertEquals("follow-kafka", overrides.valueOf("logs-eu"));
    assertEquals("keep", overrides.valueOf("payments"));
    assertEquals("default", overrides.valueOf("payments-eu"), "a pattern matches the whole name, not a part");
    assertEquals("default", overrides.valueOf("orders"));
  }

  @Test
  void entriesThatAgreeMayMatchOneTopic() {
    TopicOverrides<String> overrides = parse(List.of("logs-.*:keep", ".*-eu:keep"));

    assertEquals("keep", overrides.valueOf("logs-eu"));
  }

  @Test
  void aTopicMatchingEntriesThatDisagreeIsRefusedNamingTheKeyAndBothEntries() {
    TopicOverrides<String> overrides = parse(List.of("logs-.*:keep", ".*-eu:follow-kafka"));

    AmbiguousTopicSettingException error = assertThrows(AmbiguousTopicSettingException.class,
        () -> overrides.valueOf("logs-eu"));
    assertEquals("Cannot choose table.retention.overrides for topic logs-eu: it matches both 'logs-.*:keep' and "
        + "'.*-eu:follow-kafka', which give different values; make the patterns exclusive", error.getMessage());
    assertEquals("keep", overrides.valueOf("logs-us"));
  }

  @Test
  void onePatternGivenTwoValuesIsRefusedAtStart() {
    ConfigException error = assertThrows(ConfigException.class, () -> parse(List.of("logs-.*:keep", "logs-.*:follow-kafka")));
    assertTrue(error.getMessage().contains(KEY), error.getMessage());
    assertTrue(error.getMessage().contains("same pattern"), error.getMessage());
  }

  @Test
  void aPatternThatDoesNotCompileIsRefusedNamingTheKey() {
    ConfigException error = assertThrows(ConfigException.class, () -> parse(List.of("logs-(:keep")));
    assertTrue(error.getMessage().contains(KEY) && error.getMessage().contains("logs-("), error.getMessage());
  }

  @Test
  void anEntryWithoutAValueOrWithAnUnknownOneIsRefusedNamingTheKey() {
    for (String entry : List.of("logs", ":keep", "logs:forever")) {
      ConfigException error = assertThrows(ConfigException.class, () -> parse(List.of(entry)), entry);
      assertTrue(error.getMessage().contains(KEY) && error.getMessage().contains(entry), error.getMessage());
    }
  }

  @Test
  void aPatternMayHoldColons() {
    assertEquals("keep", parse(List.of("a:b(?:c):keep")).valueOf("a:bc"));
  }

  @Test
  void aSinglePatternSettingMatchesWholeNames() {
    TopicOverrides<Boolean> tables = TopicOverrides.matching("iceberg.topics", "orders|payments-.*", true, false);

    assertTrue(tables.valueOf("payments-eu"));
    assertEquals(false, tables.valueOf("orders-archive"));
    ConfigException error = assertThrows(ConfigException.class,
        () -> TopicOverrides.matching("iceberg.topics", "orders[", true, false));
    assertTrue(error.getMessage().contains("iceberg.topics"), error.getMessage());
  }

  private static TopicOverrides<String> parse(List<String> entries) {
    return TopicOverrides.parse(KEY, "default", entries,
        text -> Optional.of(text).filter(List.of("keep", "follow-kafka")::contains), "one of keep, follow-kafka");
  }
}
