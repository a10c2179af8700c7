package io.floe.reader;

import io.floe.translator.manifest.SegmentManifest;
import org.apache.iceberg.Schema;

/**
 * A segment manifest ready to serve fetches: where it was read, what it says, the projection that
 * reads only the {@code _kafka} column of its data files (with their field ids), and its size as
 * stored, which is its weight in the cache.
 */
record ReadableManifest(String path, SegmentManifest manifest, Schema kafkaProjection, int encodedSize) {

  /** {@code segment … of orders-3 (offsets 0-9999)}, as messages name it. */
  String segmentName() {
    return manifest.segment().toString();
  }
}
