package io.floe.translator.manifest;

/**
 * The manifest of a classic segment: the segment file and its indexes stored as they are, as
 * objects beside the manifest ({@link ClassicObject}), for a topic that is not a table.
 *
 * @param sizeInBytes the segment file's size, so that a fetch needs no request for it
 * @param hasTransactionIndex whether the broker handed over a transaction index
 */
public record ClassicManifest(SegmentRef segment, long sizeInBytes, boolean hasTransactionIndex)
    implements StoredManifest {}
