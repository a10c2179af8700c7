package io.floe.writer.data;

import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.parquet.ParquetReader;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;

/**
 * Reads a data file's rows to copy them into another file, every page checked against the
 * checksum Parquet wrote with it. A copy writes fresh checksums: without this check a damaged page
 * would decode to other values and come out of the copy looking sound. Iceberg's read builder
 * cannot ask for the check, so Iceberg's reader is given Parquet's options directly.
 */
public final class CheckedParquetRows {
  private CheckedParquetRows() {}

  /**
   * The rows of {@code file}, projected to {@code schema}.
   *
   * @throws org.apache.parquet.io.ParquetDecodingException while iterating, if a page does not match its checksum
   */
  public static CloseableIterable<Record> of(InputFile file, Schema schema) {
    ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
        .usePageChecksumVerification(true)
        .build();
    return new ParquetReader<>(file, schema, options,
        fileSchema -> GenericParquetReaders.buildReader(schema, fileSchema), null, Expressions.alwaysTrue(), false,
        true);
  }
}
