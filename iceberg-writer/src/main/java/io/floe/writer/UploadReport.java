package io.floe.writer;

import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.value.ValueStats;

/**
 * What an upload did: the manifest of the segment as committed, how its values were stored
 * (typed, or raw by reason, and how many broke their writer schema), and how many rows of its
 * Kafka partition wait, tiered, for their transaction's outcome. An upload that found its segment
 * committed already reports that manifest and counts no value.
 */
public record UploadReport(SegmentManifest manifest, ValueStats values, long pendingRows) {}
