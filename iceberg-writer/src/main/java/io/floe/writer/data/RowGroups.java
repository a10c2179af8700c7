package io.floe.writer.data;

import io.floe.translator.manifest.DataFileRef.RowGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.io.InputFile;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;

/**
 * The row groups of a written Parquet file, from its footer: a fetch starts reading at the row
 * group that holds its first row instead of at the start of the file.
 */
final class RowGroups {
  private RowGroups() {}

  static List<RowGroup> of(InputFile file) {
    try (ParquetFileReader reader = ParquetFileReader.open(new ParquetInputFile(file))) {
      List<BlockMetaData> blocks = reader.getFooter().getBlocks();
      List<RowGroup> groups = new ArrayList<>(blocks.size());
      long firstRow = 0;
      for (BlockMetaData block : blocks) {
        groups.add(new RowGroup(block.getStartingPos(), firstRow, block.getRowCount()));
        firstRow += block.getRowCount();
      }
      return groups;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the Parquet footer of " + file.location() + ": " + e.getMessage(), e);
    }
  }
}
