package io.floe.translator.manifest;

/**
 * Where a segment's manifest lives, derived only from what the broker passes with every call
 * (topic, topic id, partition, segment id), so that a fetch finds it without the catalog.
 */
public final class ManifestPaths {
  static final String SUFFIX = ".floe-manifest";

  private ManifestPaths() {}

  /** {@code <prefix>/<topic>-<topicId>/<partition>/<segmentId>.floe-manifest}. */
  public static String of(String prefix, String topic, String topicId, int partition, String segmentId) {
    String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    return base + "/" + topic + "-" + topicId + "/" + partition + "/" + segmentId + SUFFIX;
  }

  public static String of(String prefix, SegmentRef segment) {
    return of(prefix, segment.topic(), segment.topicId(), segment.partition(), segment.segmentId());
  }
}
