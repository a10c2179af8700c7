package io.floe.writer.repoint;

import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import java.util.List;
import org.apache.iceberg.DataFile;

/** What re-pointing made of one segment whose files were compacted out of {@code main}. */
sealed interface Outcome {
  SegmentRef segment();

  /** Its manifest re-pointed at {@code targets}, the files of {@code main} that now hold its rows. */
  record Relocated(SegmentManifest before, SegmentManifest after, List<DataFile> targets) implements Outcome {
    @Override
    public SegmentRef segment() {
      return before.segment();
    }
  }

  /** Left on its own files, and why: never a record lost or altered to save bytes. */
  record Kept(SegmentRef segment, String reason) implements Outcome {}
}
