package io.floe.writer;

import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.value.ValueStats;

/**
 * What an upload did: the manifest of the segment as committed, and how its values were stored
 * (typed, or raw by reason, and how many broke their writer schema). An upload that found its
 * segment committed already reports that manifest and counts no value.
 */
public record UploadReport(SegmentManifest manifest, ValueStats values) {}
