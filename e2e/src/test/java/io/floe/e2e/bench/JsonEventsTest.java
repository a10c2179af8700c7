package io.floe.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark's records have the size it reports, and every run produces the same ones. */
class JsonEventsTest {
  private static final int SAMPLE = 1_000;

  @Test
  void everyKeyIs16BytesAndEveryValueAKibibyteOfJsonLikeText() {
    JsonEvents source = new JsonEvents();
    for (int i = 0; i < SAMPLE; i++) {
      EventSource.Event event = source.next();
      String value = new String(event.value(), StandardCharsets.US_ASCII);

      assertEquals(JsonEvents.KEY_BYTES, event.key().length);
      assertEquals(JsonEvents.VALUE_BYTES, event.value().length);
      assertTrue(value.startsWith("{\"event_id\":" + i + ",") && value.endsWith("\"}"), value);
    }
  }

  @Test
  void twoSourcesGiveTheSameEventsInTheSameOrder() {
    JsonEvents one = new JsonEvents();
    JsonEvents other = new JsonEvents();
    for (int i = 0; i < SAMPLE; i++) {
      EventSource.Event event = one.next();
      EventSource.Event same = other.next();

      assertArrayEquals(event.key(), same.key());
      assertArrayEquals(event.value(), same.value());
    }
  }
}
