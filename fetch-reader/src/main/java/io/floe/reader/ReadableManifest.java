package io.floe.reader;

import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.table.TypedValues;
import org.apache.iceberg.Schema;

/**
 * A segment manifest ready to serve fetches: where it was read, what it says, the projection that
 * reads only what a fetch needs of its data files (the {@code _kafka} column and the columns of its
 * typed values, with their field ids), the codecs that rebuild its typed values, where each data
 * file is read for the last time, and its size as stored, which is its weight in the cache.
 */
record ReadableManifest(String path, SegmentManifest manifest, Schema projection, TypedValues values, LastReads lastReads,
    int encodedSize) implements FetchableSegment {

  /** {@code segment … of orders-3 (offsets 0-9999)}, as messages name it. */
  String segmentName() {
    return manifest.segment().toString();
  }
}
