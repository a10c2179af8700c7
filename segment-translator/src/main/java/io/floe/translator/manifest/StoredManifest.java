package io.floe.translator.manifest;

/**
 * What a segment's manifest says, by the kind of segment it is: an Iceberg segment, served from
 * its table's data files, or a classic segment, stored as the broker's own files. Fetch and delete
 * go by this kind, not by the configuration, so that a topic moved in or out of
 * {@code iceberg.topics} keeps its older segments readable.
 */
public sealed interface StoredManifest permits SegmentManifest, ClassicManifest {
  SegmentRef segment();
}
