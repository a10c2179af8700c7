package io.floe.e2e.topic;

import java.time.Duration;
import java.util.Map;

/**
 * How a tiered topic's segments are cut: tiny, for tests, at a size in bytes, or at an age, as
 * operators cut them.
 */
public sealed interface SegmentSize {
  /** Segments cannot be smaller than 1 MiB in Kafka 4. */
  long MIN_SEGMENT_BYTES = 1 << 20;

  /** The topic configs that cut segments this way. */
  Map<String, String> configs();

  /**
   * About {@code count} producer batches a segment, so that a few kilobytes already make several
   * segments: each is capped by an index entry per batch and an index that holds {@code count}
   * entries, and rolls when the index is full.
   */
  record Batches(int count) implements SegmentSize {
    private static final int TIME_INDEX_ENTRY_BYTES = 12;

    @Override
    public Map<String, String> configs() {
      return Map.of(
          "segment.bytes", Long.toString(MIN_SEGMENT_BYTES),
          "index.interval.bytes", "1",
          // the time index (12-byte entries) fills first and rolls the segment
          "segment.index.bytes", Integer.toString(TIME_INDEX_ENTRY_BYTES * count));
    }
  }

  /** Segments roll at {@code bytes}, with Kafka's default index settings, as on a production broker. */
  record Bytes(long bytes) implements SegmentSize {
    public Bytes {
      if (bytes < MIN_SEGMENT_BYTES || bytes > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("Invalid segment size " + bytes + ": Kafka takes 1 MiB to 2 GiB - 1");
      }
    }

    @Override
    public Map<String, String> configs() {
      return Map.of("segment.bytes", Long.toString(bytes));
    }
  }

  /**
   * Segments roll once their first record is {@code age} old, at the next record (Kafka's
   * {@code segment.ms}), or at Kafka's default size first: what an operator sets for a fresh table.
   */
  record Age(Duration age) implements SegmentSize {
    public Age {
      if (age.toMillis() < 1) {
        throw new IllegalArgumentException("Invalid segment age " + age + ": Kafka takes 1 ms at least");
      }
    }

    @Override
    public Map<String, String> configs() {
      return Map.of("segment.ms", Long.toString(age.toMillis()));
    }
  }
}
