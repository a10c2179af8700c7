package io.floe.writer.data;

import io.floe.translator.manifest.DataFileRef.RowGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.io.InputFile;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;

/**
 * The row groups of a Parquet file, from its footer: a fetch starts reading at the row group that
 * holds its first row instead of at the start of the file.
 */
public final class RowGroups {
  private RowGroups() {}

  public static List<RowGroup> of(InputFile file) {
    // Without options of its own Parquet's reader makes a new Hadoop configuration, which parses
    // Hadoop's default XML for every footer; plain options read the same footer without Hadoop.
    // Per call: the options hold a codec factory, which is not for sharing between threads.
    ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    try (ParquetFileReader reader = new ParquetFileReader(new ParquetInputFile(file), options)) {
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
