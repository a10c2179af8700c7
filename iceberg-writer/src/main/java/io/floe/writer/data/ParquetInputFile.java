package io.floe.writer.data;

import java.io.IOException;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * An Iceberg {@code InputFile} as Parquet's, so that Parquet's reader reads through the writer's
 * {@code FileIO}. Iceberg's own adapter ({@code ParquetIO}) is not public.
 */
final class ParquetInputFile implements org.apache.parquet.io.InputFile {
  private final org.apache.iceberg.io.InputFile file;

  ParquetInputFile(org.apache.iceberg.io.InputFile file) {
    this.file = file;
  }

  @Override
  public long getLength() {
    return file.getLength();
  }

  @Override
  public SeekableInputStream newStream() {
    org.apache.iceberg.io.SeekableInputStream stream = file.newStream();
    return new DelegatingSeekableInputStream(stream) {
      @Override
      public long getPos() throws IOException {
        return stream.getPos();
      }

      @Override
      public void seek(long newPos) throws IOException {
        stream.seek(newPos);
      }
    };
  }
}
