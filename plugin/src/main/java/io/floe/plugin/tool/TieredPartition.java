package io.floe.plugin.tool;

import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.SegmentManifest;
import java.util.HashMap;
import java.util.Map;

/** What the Kafka view holds of one Kafka partition, from its segments' manifests. */
final class TieredPartition {
  private long segments;
  private long firstOffset = Long.MAX_VALUE;
  private long lastOffset = Long.MIN_VALUE;
  private final Map<String, Long> dataFiles = new HashMap<>();

  void add(SegmentManifest manifest) {
    segments++;
    firstOffset = Math.min(firstOffset, manifest.segment().startOffset());
    lastOffset = Math.max(lastOffset, manifest.segment().endOffset());
    for (DataFileRef file : manifest.files()) {
      dataFiles.put(file.location(), file.sizeInBytes());
    }
  }

  long segments() {
    return segments;
  }

  long firstOffset() {
    return firstOffset;
  }

  long lastOffset() {
    return lastOffset;
  }

  long dataFiles() {
    return dataFiles.size();
  }

  long dataBytes() {
    return dataFiles.values().stream().mapToLong(Long::longValue).sum();
  }
}
