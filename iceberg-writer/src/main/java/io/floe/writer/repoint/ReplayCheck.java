package io.floe.writer.repoint;

import io.floe.translator.manifest.SegmentManifest;
import java.util.Optional;

/**
 * Whether a re-pointed manifest serves what the segment's manifest serves now, byte for byte. The
 * writer does not read segments back; the caller gives the fetch path's own check (the plugin gives
 * {@code io.floe.reader.ReplayComparison}), so that what is compared is what a consumer would get.
 */
@FunctionalInterface
public interface ReplayCheck {
  /**
   * The first difference between what {@code before} and {@code after} serve, or empty if none.
   *
   * @param location where the segment's manifest is, as messages name it
   */
  Optional<String> difference(String location, SegmentManifest before, SegmentManifest after);
}
