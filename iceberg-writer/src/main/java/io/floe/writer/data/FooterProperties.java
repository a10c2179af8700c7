package io.floe.writer.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.iceberg.io.InputFile;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;

/** The key-value metadata of a Parquet file's footer: what its writer said of it beside its rows. */
public final class FooterProperties {
  private FooterProperties() {}

  public static Map<String, String> of(InputFile file) {
    // As in RowGroups: plain options read the footer without Hadoop's configuration.
    ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    try (ParquetFileReader reader = new ParquetFileReader(new ParquetInputFile(file), options)) {
      return Map.copyOf(reader.getFooter().getFileMetaData().getKeyValueMetaData());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the Parquet footer of " + file.location() + ": " + e.getMessage(), e);
    }
  }
}
