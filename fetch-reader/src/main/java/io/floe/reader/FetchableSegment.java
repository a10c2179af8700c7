package io.floe.reader;

/** A manifest read for fetches, by the segment's kind: an Iceberg segment's or a classic segment's. */
sealed interface FetchableSegment permits ReadableManifest, ClassicSegment {
  /** Its size as stored, which is its weight in the manifest cache. */
  int encodedSize();
}
