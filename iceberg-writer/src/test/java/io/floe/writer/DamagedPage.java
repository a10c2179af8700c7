package io.floe.writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;

/** Damage to one page of a Parquet file, as storage does it: one bit of its data flipped, its header and the footer intact. */
final class DamagedPage {
  private DamagedPage() {}

  /** Flips a bit of the last byte of the file's largest column chunk: data of its last page. */
  static void in(Path file) {
    try {
      ColumnChunkMetaData largest;
      try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
        largest = reader.getFooter().getBlocks().stream().flatMap(block -> block.getColumns().stream())
            .max(Comparator.comparingLong(ColumnChunkMetaData::getTotalSize)).orElseThrow();
      }
      byte[] bytes = Files.readAllBytes(file);
      bytes[Math.toIntExact(largest.getStartingPos() + largest.getTotalSize() - 1)] ^= 0x01;
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
