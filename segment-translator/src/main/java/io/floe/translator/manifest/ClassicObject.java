package io.floe.translator.manifest;

/**
 * The objects of a classic segment: the broker's segment file and each of its indexes, beside the
 * segment's manifest and named after it, so that they follow from the segment's identity alone:
 * {@code <prefix>/<topic>-<topicId>/<partition>/<segmentId>.log}, {@code .index}, …
 */
public enum ClassicObject {
  SEGMENT(".log"),
  OFFSET_INDEX(".index"),
  TIME_INDEX(".timeindex"),
  TRANSACTION_INDEX(".txnindex"),
  PRODUCER_SNAPSHOT(".snapshot"),
  LEADER_EPOCH_CHECKPOINT(".leader-epoch-checkpoint");

  private final String suffix;

  ClassicObject(String suffix) {
    this.suffix = suffix;
  }

  public String location(String prefix, SegmentRef segment) {
    String manifest = ManifestPaths.of(prefix, segment);
    return manifest.substring(0, manifest.length() - ManifestPaths.SUFFIX.length()) + suffix;
  }
}
