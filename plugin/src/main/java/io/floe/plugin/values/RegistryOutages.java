package io.floe.plugin.values;

import io.floe.translator.manifest.SegmentRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long each segment's uploads have failed because the schema registry did not answer, so that
 * past a configured bound the next upload goes on without it (its values kept raw, flagged
 * {@code registry-unavailable}) rather than hold back tiering for ever. The broker retries a copy
 * under a new segment id, so a segment is known by its partition and start offset. Thread-safe.
 */
public final class RegistryOutages {
  private final Optional<Duration> bound;
  private final Clock clock;
  private final Map<String, Instant> since = new ConcurrentHashMap<>();

  /** @param bound how long to wait for the registry; empty: for ever */
  public RegistryOutages(Optional<Duration> bound, Clock clock) {
    this.bound = bound;
    this.clock = clock;
  }

  /** Whether the next upload of {@code segment} must go on without the registry. */
  public boolean outlasted(SegmentRef segment) {
    Instant first = since.get(key(segment));
    return bound.isPresent() && first != null && !clock.instant().isBefore(first.plus(bound.get()));
  }

  /** An upload of {@code segment} failed because the registry did not answer. */
  public void failed(SegmentRef segment) {
    since.putIfAbsent(key(segment), clock.instant());
  }

  /** An upload of {@code segment} ended otherwise: its outage, if any, is over. */
  public void ended(SegmentRef segment) {
    since.remove(key(segment));
  }

  private static String key(SegmentRef segment) {
    return segment.topicId() + "-" + segment.partition() + "@" + segment.startOffset();
  }
}
