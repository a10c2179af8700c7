package io.floe.translator.manifest;

import java.util.List;

/**
 * A Parquet data file holding rows of the segment, in offset order, and its row groups, so that a
 * fetch can start reading at the row group that holds its first row.
 */
public record DataFileRef(String location, long sizeInBytes, long rowCount, List<RowGroup> rowGroups) {
  public DataFileRef {
    rowGroups = List.copyOf(rowGroups);
  }

  /** A row group: where it starts in the file, the ordinal of its first row, and its row count. */
  public record RowGroup(long startingPosition, long firstRow, long rowCount) {}

  /** The row group holding the row with this ordinal. */
  public RowGroup rowGroupOf(long row) {
    for (RowGroup group : rowGroups) {
      if (row < group.firstRow() + group.rowCount()) {
        return group;
      }
    }
    throw new IllegalArgumentException("Row " + row + " is past the " + rowCount + " rows of " + location);
  }
}
