package io.floe.translator.manifest;

import io.floe.translator.row.Fidelity;
import java.util.List;

/**
 * One batch of the original segment: its byte position and size there, its offsets, how exactly
 * its rows rebuild it, and where its rows are. A batch's rows are usually one run in one file; a
 * batch whose timestamps cross a table partition boundary has a run in each file.
 */
public record BatchEntry(
    long position, int sizeInBytes, long baseOffset, long lastOffset, Fidelity fidelity, List<RowRun> runs) {

  public BatchEntry {
    runs = List.copyOf(runs);
  }

  /** Consecutive rows of one data file: index into the manifest's files, first row ordinal, count. */
  public record RowRun(int file, long firstRow, int rowCount) {}

  public int rowCount() {
    return runs.stream().mapToInt(RowRun::rowCount).sum();
  }
}
