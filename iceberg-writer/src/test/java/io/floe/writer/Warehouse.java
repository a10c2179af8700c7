package io.floe.writer;

import io.floe.translator.manifest.KafkaIndexes;
import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.row.SegmentTranslator;
import io.floe.writer.commit.KafkaViewBranch;
import io.floe.translator.value.ValueFormat;
import io.floe.translator.key.KeyFormat;
import io.floe.translator.typing.KeyTyper;
import io.floe.translator.typing.ValueTyper;
import io.floe.translator.row.TranslatedBatch;
import io.floe.translator.table.KafkaColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;

/**
 * A real JDBC catalog on a SQLite file, and a warehouse of real local files, in a test's temporary
 * directory; with the segments and uploads the tests need.
 */
final class Warehouse {
  static final String CATALOG_NAME = "floe_test";
  static final String NAMESPACE = "kafka";
  static final String TOPIC = "orders";
  static final String TOPIC_ID = "Ss2DtWGYQr6zEMpcQ0ZKyg";
  static final long MEBIBYTE = 1024 * 1024;

  final Path dir;
  final Catalog catalog;
  final LocalFileIO io = new LocalFileIO();

  Warehouse(Path dir) {
    this(dir, LocalFileIO.class);
  }

  /** A warehouse whose catalog gives its tables a FileIO of class {@code io}. */
  Warehouse(Path dir, Class<? extends LocalFileIO> io) {
    this.dir = dir;
    this.catalog = catalog("jdbc:sqlite:" + dir.resolve("catalog.db"), dir.resolve("warehouse"), true, io);
  }

  /** A JDBC catalog at {@code uri}; without {@code initialize} it makes no connection until used. */
  static Catalog catalog(String uri, Path warehouse, boolean initialize) {
    return catalog(uri, warehouse, initialize, LocalFileIO.class);
  }

  private static Catalog catalog(String uri, Path warehouse, boolean initialize, Class<? extends LocalFileIO> io) {
    try {
      // DriverManager finds drivers through the context class loader only (KAFKA-NOTES §7.3).
      Class.forName("org.sqlite.JDBC");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> properties = new HashMap<>(Map.of(
        CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_JDBC,
        CatalogProperties.URI, uri,
        CatalogProperties.WAREHOUSE_LOCATION, warehouse.toString(),
        CatalogProperties.FILE_IO_IMPL, io.getName(),
        "jdbc.init-catalog-tables", Boolean.toString(initialize)));
    if (initialize) {
      // The current catalog tables (with views); choosing them connects at once.
      properties.put("jdbc.schema-version", "V1");
    }
    return CatalogUtil.buildIcebergCatalog(CATALOG_NAME, properties, null);
  }

  WriterSettings settings(long targetFileSizeBytes, long rowGroupSizeBytes) {
    return new WriterSettings(NAMESPACE, dir.resolve("manifests").toString(), targetFileSizeBytes, rowGroupSizeBytes);
  }

  SegmentUploader uploader() {
    return uploader(settings(128 * MEBIBYTE, 8 * MEBIBYTE));
  }

  SegmentUploader uploader(WriterSettings settings) {
    return new SegmentUploader(catalog, io, settings);
  }

  Table table() {
    return catalog.loadTable(TableIdentifier.of(NAMESPACE, TOPIC));
  }

  /** Every row of the table's {@code main}, by partition and offset. */
  static List<Record> rows(Table table) {
    return rows(table, table.currentSnapshot().snapshotId());
  }

  /** Every row of the table's Kafka view (its Floe branch), by partition and offset. */
  static List<Record> kafkaViewRows(Table table) {
    return rows(table, table.refs().get(KafkaViewBranch.NAME).snapshotId());
  }

  private static List<Record> rows(Table table, long snapshotId) {
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).useSnapshot(snapshotId).build()) {
      List<Record> rows = new ArrayList<>();
      records.forEach(rows::add);
      rows.sort(Comparator.comparing((Record r) -> (Integer) kafka(r).getField(KafkaColumns.PARTITION))
          .thenComparing(r -> (Long) kafka(r).getField(KafkaColumns.OFFSET)));
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of one data file, in file order. */
  List<Record> fileRows(String location, Schema schema) {
    try (CloseableIterable<Record> records = Parquet.read(io.newInputFile(location))
        .project(schema)
        .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(schema, fileSchema))
        .build()) {
      List<Record> rows = new ArrayList<>();
      records.forEach(rows::add);
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Record kafka(Record row) {
    return (Record) row.getField(KafkaColumns.KAFKA);
  }

  /** Every Parquet file under the warehouse. */
  List<Path> dataFiles() {
    if (!Files.exists(dir.resolve("warehouse"))) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir.resolve("warehouse"))) {
      return files.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The batches of a segment file as the translator reads them: what the table must hold. */
  static List<TranslatedBatch> translate(Path segmentFile, int partition) {
    List<TranslatedBatch> batches = new ArrayList<>();
    try (SegmentTranslator translator = new SegmentTranslator(segmentFile, partition)) {
      translator.forEachRemaining(batches::add);
    }
    return batches;
  }

  /** An upload of the segment file as {@code segmentId} of partition {@code partition} of the topic. */
  static SegmentUpload upload(Path segmentFile, int partition, String segmentId) {
    List<TranslatedBatch> batches = translate(segmentFile, partition);
    long start = batches.get(0).rows().get(0).batch().header().baseOffset();
    long end = batches.get(batches.size() - 1).rows().get(0).batch().header().lastOffset();
    return new SegmentUpload(new SegmentRef(TOPIC, TOPIC_ID, partition, segmentId, start, end), segmentFile, indexes(),
        new ValueTyper(ValueFormat.AUTO, Optional.empty(), false), new KeyTyper(KeyFormat.AUTO, Optional.empty(), false));
  }

  /** The indexes are opaque to the writer: it keeps their bytes. */
  static KafkaIndexes indexes() {
    return new KafkaIndexes(bytes("offset index"), bytes("time index"), Optional.empty(),
        bytes("producer snapshot"), bytes("leader epoch checkpoint"));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
