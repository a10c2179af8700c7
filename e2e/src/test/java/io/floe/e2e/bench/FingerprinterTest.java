package io.floe.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A fingerprint tells apart records that were lost, duplicated, reordered or altered. */
class FingerprinterTest {
  private static final List<EventSource.Event> EVENTS = events(3);

  @Test
  void theSameRecordsInTheSameOrderGiveTheSameFingerprint() {
    assertEquals(fingerprint(EVENTS), fingerprint(events(3)));
  }

  @Test
  void countsTheRecordsAndTheirKeyAndValueBytes() {
    Fingerprint fingerprint = fingerprint(EVENTS);

    assertEquals(3, fingerprint.records());
    assertEquals(3L * (JsonEvents.KEY_BYTES + JsonEvents.VALUE_BYTES), fingerprint.keyValueBytes());
  }

  @Test
  void recordsInAnotherOrderGiveAnotherFingerprint() {
    assertNotEquals(fingerprint(EVENTS), fingerprint(List.of(EVENTS.get(1), EVENTS.get(0), EVENTS.get(2))));
  }

  @Test
  void aDuplicatedRecordInPlaceOfAnotherGivesAnotherFingerprint() {
    assertNotEquals(fingerprint(EVENTS), fingerprint(List.of(EVENTS.get(0), EVENTS.get(0), EVENTS.get(2))));
  }

  @Test
  void aChangedValueByteGivesAnotherFingerprint() {
    EventSource.Event first = EVENTS.get(0);
    byte[] altered = first.value().clone();
    altered[altered.length / 2]++;

    assertNotEquals(fingerprint(EVENTS),
        fingerprint(List.of(new EventSource.Event(first.key(), altered), EVENTS.get(1), EVENTS.get(2))));
  }

  @Test
  void bytesMovedFromTheKeyToTheValueGiveAnotherFingerprint() {
    EventSource.Event first = EVENTS.get(0);
    byte[] shorterKey = Arrays.copyOf(first.key(), first.key().length - 1);
    byte[] longerValue = new byte[first.value().length + 1];
    longerValue[0] = first.key()[first.key().length - 1];
    System.arraycopy(first.value(), 0, longerValue, 1, first.value().length);

    assertNotEquals(fingerprint(List.of(first)), fingerprint(List.of(new EventSource.Event(shorterKey, longerValue))));
  }

  @Test
  void aNullValueAndAnEmptyValueGiveDifferentFingerprints() {
    byte[] key = EVENTS.get(0).key();

    assertNotEquals(fingerprint(List.of(new EventSource.Event(key, null))),
        fingerprint(List.of(new EventSource.Event(key, new byte[0]))));
  }

  private static Fingerprint fingerprint(List<EventSource.Event> events) {
    Fingerprinter fingerprinter = new Fingerprinter();
    events.forEach(event -> fingerprinter.add(event.key(), event.value()));
    return fingerprinter.fingerprint();
  }

  private static List<EventSource.Event> events(int count) {
    JsonEvents source = new JsonEvents();
    return Stream.generate(source::next).limit(count).toList();
  }
}
