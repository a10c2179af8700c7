package io.floe.reader;

import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.table.RowRecords;
import io.floe.translator.table.TypedValues;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.CloseableIterator;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.parquet.ParquetReader;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;

/**
 * Reads the rows of one data file forward, decoding only the columns a fetch needs. It opens the
 * file at the row group that holds the first row asked for, so a fetch deep into a segment does
 * not decode the row groups before it, and reads on from there while rows are asked in order.
 */
final class DataFileCursor implements Closeable {
  private final FileIO io;
  private final DataFileRef file;
  private final Schema projection;
  private final TypedValues values;
  private final RowRecords rowRecords;
  private CloseableIterable<Record> reader;
  private CloseableIterator<Record> records;
  private long openedAtRow;
  private long nextRow;

  DataFileCursor(FileIO io, DataFileRef file, Schema projection, TypedValues values) {
    this.io = io;
    this.file = file;
    this.projection = projection;
    this.values = values;
    this.rowRecords = new RowRecords(projection);
  }

  /**
   * The rows {@code firstRow} to {@code firstRow + count - 1}, in file order.
   *
   * @throws RuntimeException as the FileIO or Parquet raise it, when the file cannot be read
   */
  List<KafkaRow> read(long firstRow, int count) {
    if (firstRow + count > file.rowCount()) {
      throw new IllegalArgumentException(String.format(
          "Rows %d-%d are past the %d rows of data file %s", firstRow, firstRow + count - 1, file.rowCount(),
          file.location()));
    }
    if (mustReopenFor(firstRow)) {
      open(file.rowGroupOf(firstRow));
    }
    while (nextRow < firstRow) {
      nextRecord();
    }
    List<KafkaRow> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(rowRecords.toRow(nextRecord(), values));
    }
    return rows;
  }

  private Record nextRecord() {
    if (!records.hasNext()) {
      throw new IllegalStateException(String.format(
          "Data file %s ends at row %d, short of the %d rows its manifest lists", file.location(), nextRow,
          file.rowCount()));
    }
    nextRow++;
    return records.next();
  }

  /**
   * Reading on decodes every row up to the one asked for. That is cheap within the row group being
   * read and the next one, whose bytes come next anyway; beyond those, skipping whole row groups
   * by reopening the file at the right one is cheaper. Rows behind the cursor need a reopen.
   */
  private boolean mustReopenFor(long row) {
    if (records == null || row < nextRow) {
      return true;
    }
    return groupIndexOf(row) > groupIndexOf(nextRow) + 1;
  }

  private int groupIndexOf(long row) {
    List<DataFileRef.RowGroup> groups = file.rowGroups();
    for (int i = 0; i < groups.size(); i++) {
      if (row < groups.get(i).firstRow() + groups.get(i).rowCount()) {
        return i;
      }
    }
    return groups.size();
  }

  private void open(DataFileRef.RowGroup group) {
    close();
    long start = group.startingPosition();
    // Iceberg's read builder cannot turn on the pages' checksums: without them a damaged page
    // decodes to other values, which the batch rebuilt from them would carry under a valid CRC.
    ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
        .withRange(start, file.sizeInBytes())
        .usePageChecksumVerification(true)
        .build();
    reader = new ParquetReader<>(io.newInputFile(file.location(), file.sizeInBytes()), projection, options,
        fileSchema -> GenericParquetReaders.buildReader(projection, fileSchema), null, Expressions.alwaysTrue(),
        false, true);
    records = reader.iterator();
    openedAtRow = group.firstRow();
    nextRow = group.firstRow();
  }

  /**
   * What the open reader holds in memory, at most: Parquet reads a row group's column chunks
   * whole, so this is the stored size of the row group of the last row read (of the last one,
   * with the footer).
   */
  long bufferedBytes() {
    if (reader == null) {
      return 0;
    }
    List<DataFileRef.RowGroup> groups = file.rowGroups();
    int group = Math.min(groupIndexOf(Math.max(openedAtRow, nextRow - 1)), groups.size() - 1);
    long groupEnd = group + 1 < groups.size() ? groups.get(group + 1).startingPosition() : file.sizeInBytes();
    return groupEnd - groups.get(group).startingPosition();
  }

  @Override
  public void close() {
    if (reader == null) {
      return;
    }
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close data file " + file.location() + ": " + e.getMessage(), e);
    } finally {
      reader = null;
      records = null;
    }
  }
}
