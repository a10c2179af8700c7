package io.floe.e2e.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The benchmark's records, as an event stream carries them: a 16-byte key and a 1,024-byte
 * JSON-like value of numbers, ids and words, the shape of the translator benchmark's records so
 * that the figures compare. A fixed seed makes every run produce the same bytes.
 */
final class JsonEvents implements EventSource {
  static final int KEY_BYTES = 16;
  static final int VALUE_BYTES = 1024;
  private static final long SEED = 42;

  private final SplittableRandom random = new SplittableRandom(SEED);
  private final Words words = new Words(random);
  private long count;

  @Override
  public Event next() {
    long number = count++;
    byte[] key = String.format("key-%012d", random.nextLong(1_000_000_000_000L)).getBytes(StandardCharsets.US_ASCII);
    return new Event(key, value(number));
  }

  private byte[] value(long number) {
    StringBuilder json = new StringBuilder(VALUE_BYTES + 128);
    json.append("{\"event_id\":").append(number)
        .append(",\"user_id\":").append(random.nextInt(10_000_000))
        .append(",\"session\":\"").append(Long.toHexString(random.nextLong())).append('"')
        .append(",\"type\":\"").append(words.next()).append('"')
        .append(",\"device\":\"").append(words.next()).append('"')
        .append(",\"city\":\"").append(words.next()).append('"')
        .append(",\"items\":[");
    int item = 0;
    while (json.length() < VALUE_BYTES - 140) {
      if (item++ > 0) {
        json.append(',');
      }
      json.append("{\"sku\":").append(random.nextInt(1_000_000))
          .append(",\"category\":\"").append(words.next()).append('"')
          .append(",\"qty\":").append(1 + random.nextInt(9))
          .append(",\"price\":").append(random.nextInt(100_000) / 100.0)
          .append(",\"status\":\"").append(words.next()).append("\"}");
    }
    json.append("],\"total\":").append(random.nextInt(10_000_000) / 100.0).append(",\"note\":\"");
    while (json.length() < VALUE_BYTES - 2) {
      json.append(words.next()).append(' ');
    }
    json.setLength(VALUE_BYTES - 2);
    return json.append("\"}").toString().getBytes(StandardCharsets.US_ASCII);
  }
}
