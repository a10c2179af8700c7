package io.floe.translator.manifest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a segment's manifest lives, derived only from what the broker passes with every call
 * (topic, topic id, partition, segment id), so that a fetch finds it without the catalog.
 */
public final class ManifestPaths {
  static final String SUFFIX = ".floe-manifest";
  /**
   * {@code <topic>-<topicId>/<partition>/<segmentId>.floe-manifest}: a Kafka topic id is 22
   * characters of URL-safe base64, so the topic name (which may hold {@code -}) is what comes before it.
   */
  private static final Pattern RELATIVE =
      Pattern.compile("(.+)-([A-Za-z0-9_-]{22})/(\\d{1,10})/([^/]+)" + Pattern.quote(SUFFIX));

  private ManifestPaths() {}

  /** {@code <prefix>/<topic>-<topicId>/<partition>/<segmentId>.floe-manifest}. */
  public static String of(String prefix, String topic, String topicId, int partition, String segmentId) {
    return base(prefix) + "/" + topic + "-" + topicId + "/" + partition + "/" + segmentId + SUFFIX;
  }

  public static String of(String prefix, SegmentRef segment) {
    return of(prefix, segment.topic(), segment.topicId(), segment.partition(), segment.segmentId());
  }

  /** Where the manifests of a topic's directories start: {@code <prefix>/<topic>-}, a prefix of each. */
  public static String topicPrefix(String prefix, String topic) {
    return base(prefix) + "/" + topic + "-";
  }

  /**
   * The segment a manifest location under {@code prefix} names (its offsets unknown: -1), or empty
   * when the location is not a manifest's.
   */
  public static Optional<SegmentRef> parse(String prefix, String location) {
    String base = base(prefix) + "/";
    if (!location.startsWith(base)) {
      return Optional.empty();
    }
    Matcher matcher = RELATIVE.matcher(location.substring(base.length()));
    if (!matcher.matches() || matcher.group(1).contains("/")) {
      return Optional.empty();
    }
    long partition = Long.parseLong(matcher.group(3));
    if (partition > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    return Optional.of(new SegmentRef(matcher.group(1), matcher.group(2), (int) partition, matcher.group(4), -1, -1));
  }

  private static String base(String prefix) {
    return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }
}
