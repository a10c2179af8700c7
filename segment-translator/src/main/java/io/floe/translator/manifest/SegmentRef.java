package io.floe.translator.manifest;

/**
 * Which tiered segment a manifest describes, in the broker's terms: the topic (name and id), the
 * partition, the segment id the broker gave this upload, and its offsets (both inclusive).
 */
public record SegmentRef(
    String topic, String topicId, int partition, String segmentId, long startOffset, long endOffset) {

  @Override
  public String toString() {
    return String.format("segment %s of %s-%d (offsets %d-%d)", segmentId, topic, partition, startOffset, endOffset);
  }
}
