package io.floe.writer;

import static io.floe.translator.SampleRecords.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.KafkaSegment;
import io.floe.translator.table.KafkaColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortField;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.kafka.common.compress.Compression;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table of a topic: created with Floe's layout, or adopted as an operator made it if it can hold the rows. */
class TableResolutionTest {
  private static final TableIdentifier ORDERS = TableIdentifier.of(Warehouse.NAMESPACE, Warehouse.TOPIC);

  @TempDir
  Path dir;
  Warehouse warehouse;
  SegmentUpload upload;

  @BeforeEach
  void segment() {
    warehouse = new Warehouse(dir);
    try (KafkaSegment log = KafkaSegment.create(dir.resolve("log"))) {
      log.plain(Compression.NONE, records(0, 5));
      upload = Warehouse.upload(log.path(), 3, "TablesAAAAAAAAAAAAAAAA");
    }
  }

  @Test
  void aNewTableGetsTheKafkaColumnsDailyPartitionsOffsetOrderAndTheTopic() {
    warehouse.uploader().upload(upload);

    assertTrue(((SupportsNamespaces) warehouse.catalog).namespaceExists(Namespace.of(Warehouse.NAMESPACE)));
    Table table = warehouse.catalog.loadTable(ORDERS);
    assertEquals(TypeUtil.indexByName(KafkaColumns.SCHEMA.asStruct()).keySet(),
        TypeUtil.indexByName(table.schema().asStruct()).keySet());
    PartitionField day = table.spec().fields().get(0);
    assertEquals(1, table.spec().fields().size());
    assertEquals("day", day.transform().toString());
    assertEquals("_kafka.timestamp", table.schema().findColumnName(day.sourceId()));
    assertEquals(List.of("_kafka.partition", "_kafka.offset"),
        table.sortOrder().fields().stream().map(f -> table.schema().findColumnName(f.sourceId())).toList());
    assertTrue(table.sortOrder().fields().stream().allMatch(f -> f.direction() == SortDirection.ASC));
    assertEquals(Warehouse.TOPIC, table.properties().get("floe.topic"));
    assertEquals(Warehouse.TOPIC_ID, table.properties().get("floe.topic-id"));
    assertEquals("true", table.properties().get("write.metadata.delete-after-commit.enabled"));
    assertTrue(table.sortOrder().orderId() != SortOrder.unsorted().orderId());
    assertTrue(dataFiles(table).stream().allMatch(f -> f.sortOrderId() == table.sortOrder().orderId()),
        "files declare the order they are written in");
  }

  @Test
  void anExistingTablesSpecSortOrderAndPropertiesAreAdopted() throws IOException {
    PartitionSpec byPartition = PartitionSpec.builderFor(KafkaColumns.SCHEMA).identity("_kafka.partition").build();
    SortOrder byTimestamp = SortOrder.builderFor(KafkaColumns.SCHEMA).desc("_kafka.timestamp").build();
    warehouse.catalog.buildTable(ORDERS, KafkaColumns.SCHEMA)
        .withPartitionSpec(byPartition)
        .withSortOrder(byTimestamp)
        .withProperties(Map.of(TableProperties.PARQUET_COMPRESSION, "snappy", "owner", "analytics"))
        .create();

    warehouse.uploader().upload(upload);

    Table table = warehouse.catalog.loadTable(ORDERS);
    assertEquals("identity", table.spec().fields().get(0).transform().toString());
    assertEquals("analytics", table.properties().get("owner"));
    assertFalse(table.properties().containsKey("floe.topic"), "an adopted table's properties are its own");
    SortField timestamp = table.sortOrder().fields().get(0);
    assertEquals("_kafka.timestamp", table.schema().findColumnName(timestamp.sourceId()));
    DataFile file = dataFiles(table).get(0);
    assertEquals(3, file.partition().get(0, Integer.class));
    assertEquals(SortOrder.unsorted().orderId(), file.sortOrderId(), "offset order is not the table's order");
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(LocalFileIO.path(file.location())))) {
      assertEquals(CompressionCodecName.SNAPPY, reader.getFooter().getBlocks().get(0).getColumns().get(0).getCodec());
    }
  }

  @Test
  void aTableLackingAKafkaFieldIsRefusedForGoodNamingTheTableAndTheField() {
    warehouse.catalog.createTable(ORDERS, KafkaColumns.SCHEMA).updateSchema()
        .deleteColumn("_kafka.batch.raw_reason")
        .commit();

    UploadFailedException error = assertThrows(UploadFailedException.class, () -> warehouse.uploader().upload(upload));

    assertFalse(error.retriable());
    assertTrue(error.getMessage().contains("Table kafka.orders cannot hold Kafka records: it has no field "
        + "_kafka.batch.raw_reason"), error.getMessage());
    assertTrue(error.getMessage().startsWith("Cannot upload segment TablesAAAAAAAAAAAAAAAA of orders-3 (offsets 0-4)"),
        error.getMessage());
    assertEquals(List.of(), warehouse.dataFiles());
  }

  @Test
  void aTableFromBeforeBatchChecksumsGetsTheColumnAndItsNewRowsCarryThem() {
    warehouse.catalog.createTable(ORDERS, KafkaColumns.SCHEMA).updateSchema()
        .deleteColumn("_kafka.batch.checksum")
        .commit();

    warehouse.uploader().upload(upload);

    Table table = warehouse.catalog.loadTable(ORDERS);
    assertEquals(KafkaColumns.SCHEMA.findType("_kafka.batch.checksum"), table.schema().findType("_kafka.batch.checksum"));
    List<Record> rows = Warehouse.rows(table);
    assertEquals(5, rows.size());
    assertTrue(rows.stream().allMatch(row -> batchOf(row).getField("checksum") != null), "rows carry their batch's checksum");
  }

  @Test
  void aTableFromBeforeTypedKeysGetsTheKeysSchemaIdAndTextColumns() {
    warehouse.catalog.createTable(ORDERS, KafkaColumns.SCHEMA).updateSchema()
        .deleteColumn("_kafka.key_schema_id")
        .deleteColumn("_kafka.key_text")
        .commit();

    warehouse.uploader().upload(upload);

    Table table = warehouse.catalog.loadTable(ORDERS);
    assertEquals(Types.IntegerType.get(), table.schema().findType("_kafka.key_schema_id"));
    assertEquals(Types.StringType.get(), table.schema().findType("_kafka.key_text"));
    assertEquals(5, Warehouse.rows(table).size());
  }

  @Test
  void aTableRefusedForAnotherReasonIsLeftWithoutTheChecksumColumn() {
    warehouse.catalog.createTable(ORDERS, KafkaColumns.SCHEMA).updateSchema()
        .deleteColumn("_kafka.batch.checksum")
        .deleteColumn("_kafka.batch.raw_reason")
        .commit();

    assertThrows(UploadFailedException.class, () -> warehouse.uploader().upload(upload));

    assertEquals(null, warehouse.catalog.loadTable(ORDERS).schema().findField("_kafka.batch.checksum"));
  }

  @Test
  void aTableWithARequiredColumnFloeDoesNotWriteIsRefused() {
    warehouse.catalog.createTable(ORDERS, KafkaColumns.SCHEMA).updateSchema()
        .allowIncompatibleChanges()
        .addRequiredColumn("region", Types.StringType.get())
        .commit();

    UploadFailedException error = assertThrows(UploadFailedException.class, () -> warehouse.uploader().upload(upload));

    assertFalse(error.retriable());
    assertTrue(error.getMessage().contains("its column region is required, but Floe does not write it"),
        error.getMessage());
  }

  private static Record batchOf(Record row) {
    return (Record) ((Record) row.getField("_kafka")).getField("batch");
  }

  private static List<DataFile> dataFiles(Table table) {
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      List<DataFile> files = new ArrayList<>();
      tasks.forEach(task -> files.add(task.file()));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
