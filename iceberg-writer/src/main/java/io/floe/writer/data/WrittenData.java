package io.floe.writer.data;

import io.floe.translator.manifest.BatchEntry;
import java.util.List;

/** The data files of one segment, in the order the manifest numbers them, and where each batch went. */
public record WrittenData(List<WrittenFile> files, List<BatchEntry> batches) {
  public WrittenData {
    files = List.copyOf(files);
    batches = List.copyOf(batches);
  }
}
