package io.floe.reader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;

/**
 * Where a Parquet file's page headers are. A page's checksum covers its data, not its header, so
 * damage there is the one a fetch cannot tell from the file alone: the batches' content checksums
 * tell it (docs/reliability.md).
 */
final class PageHeaders {
  private PageHeaders() {}

  /** For each byte of {@code bytes}, the Parquet file at {@code file}, whether it is part of a page header. */
  static boolean[] of(Path file, byte[] bytes) {
    boolean[] header = new boolean[bytes.length];
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
          long position = chunk.getStartingPos();
          long end = position + chunk.getTotalSize();
          while (position < end) {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes, (int) position, (int) (end - position));
            PageHeader page = Util.readPageHeader(in);
            long dataStart = end - in.available();
            for (long at = position; at < dataStart; at++) {
              header[(int) at] = true;
            }
            position = dataStart + page.getCompressed_page_size();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return header;
  }
}
