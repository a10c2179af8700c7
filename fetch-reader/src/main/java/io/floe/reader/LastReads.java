package io.floe.reader;

import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.manifest.SegmentManifest;
import java.util.Arrays;
import java.util.List;

/**
 * For each data file of a segment, the last batch with rows in it: once a fetch has read that
 * batch, nothing later in the segment needs the file, and it can be closed. Computed once per
 * manifest, so that a fetch does not walk the batches it never serves.
 */
final class LastReads {
  private final int[] lastBatchOfFile;

  private LastReads(int[] lastBatchOfFile) {
    this.lastBatchOfFile = lastBatchOfFile;
  }

  static LastReads of(SegmentManifest manifest) {
    int[] last = new int[manifest.files().size()];
    Arrays.fill(last, -1);
    List<BatchEntry> batches = manifest.batches();
    for (int i = 0; i < batches.size(); i++) {
      for (BatchEntry.RowRun run : batches.get(i).runs()) {
        // A run naming no file of the manifest fails when the fetch reads it (BatchRows).
        if (run.file() >= 0 && run.file() < last.length) {
          last[run.file()] = i;
        }
      }
    }
    return new LastReads(last);
  }

  /** Whether the {@code batch}-th batch is the last one with rows in the {@code file}-th data file. */
  boolean isLastOf(int file, int batch) {
    return lastBatchOfFile[file] == batch;
  }
}
