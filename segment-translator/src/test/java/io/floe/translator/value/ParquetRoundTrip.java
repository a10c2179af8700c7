package io.floe.translator.value;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;

/**
 * Records through a real Parquet data file, written and read as Floe's writer and fetch path do it:
 * with Iceberg's generic Parquet writer and reader.
 */
public final class ParquetRoundTrip {
  /** Parquet's own switch, which Iceberg's writer honours. */
  private static final String DICTIONARY_ENABLED = "parquet.enable.dictionary";

  /**
   * How Parquet stores a column chunk's values: through a dictionary (its default), or plain (as it
   * does when a chunk's dictionary outgrows its bound).
   */
  public enum Encoding { DICTIONARY, PLAIN }

  private ParquetRoundTrip() {}

  /** The records as a data file holding them gives them back. */
  public static List<Record> through(Encoding encoding, Path dir, Types.StructType columns, List<Record> records) {
    Schema schema = new Schema(columns.fields());
    try {
      Path file = Files.createTempFile(dir, "values", ".parquet");
      DataWriter<Record> writer = Parquet.writeData(org.apache.iceberg.Files.localOutput(file.toFile()))
          .schema(schema)
          .withSpec(PartitionSpec.unpartitioned())
          .set(DICTIONARY_ENABLED, Boolean.toString(encoding == Encoding.DICTIONARY))
          .createWriterFunc(GenericParquetWriter::create)
          .overwrite()
          .build();
      try (writer) {
        records.forEach(writer::write);
      }
      List<Record> read = new ArrayList<>();
      try (CloseableIterable<Record> rows = Parquet.read(org.apache.iceberg.Files.localInput(file.toFile()))
          .project(schema)
          .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(schema, fileSchema))
          .build()) {
        rows.forEach(read::add);
      }
      return read;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
