package io.floe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Topic names become legal, readable table names, without two topics sharing one. */
class TableNamesTest {
  @Test
  void aTopicOfLowercaseLettersDigitsAndUnderscoresKeepsItsName() {
    assertEquals("orders", TableNames.forTopic("orders"));
    assertEquals("orders_v1_2", TableNames.forTopic("orders_v1_2"));
  }

  @Test
  void anyOtherTopicIsLoweredWithUnderscoresAndTheStartOfItsSha256() {
    // sha256("Orders.v1") starts 6abfc10e…
    assertEquals("orders_v1_6abfc10e", TableNames.forTopic("Orders.v1"));
  }

  @Test
  void topicsThatReadAlikeGetDifferentTables() {
    Set<String> names = Stream.of("orders_v1", "orders.v1", "orders-v1", "Orders.v1", "ORDERS_V1")
        .map(TableNames::forTopic)
        .collect(Collectors.toSet());

    assertEquals(5, names.size(), names::toString);
  }
}
