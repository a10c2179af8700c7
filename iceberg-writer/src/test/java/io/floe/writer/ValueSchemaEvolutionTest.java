package io.floe.writer;

import io.floe.translator.value.ValueVerdict;
import static io.floe.translator.SampleRecords.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.KafkaSegment;
import io.floe.translator.row.TranslatedBatch;
import io.floe.translator.table.ColumnBinding;
import io.floe.translator.table.KafkaColumns;
import io.floe.translator.table.RowRecords;
import io.floe.translator.table.ValueColumnPlacement;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaType;
import io.floe.translator.value.avro.AvroColumns;
import io.floe.translator.value.json.JsonSchemaColumns;
import io.floe.translator.value.json.JsonValueCodec;
import io.floe.writer.table.ValueSchemaEvolution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The value columns of a topic's table follow its writer schemas, through a real JDBC catalog. */
class ValueSchemaEvolutionTest {
  private static final TableIdentifier ORDERS = TableIdentifier.of(Warehouse.NAMESPACE, Warehouse.TOPIC);

  /** An Avro schema, then a version that widens {@code id}, changes {@code amount} to an int and adds fields. */
  private static final Types.StructType V1 = AvroColumns.of(avro("{\"type\": \"record\", \"name\": \"Order\", \"fields\": ["
      + "{\"name\": \"id\", \"type\": \"int\"}, {\"name\": \"amount\", \"type\": \"string\"},"
      + "{\"name\": \"customer\", \"type\": {\"type\": \"record\", \"name\": \"Customer\", \"fields\": ["
      + "{\"name\": \"name\", \"type\": \"string\"}]}}]}"));
  private static final Types.StructType V2 = AvroColumns.of(avro("{\"type\": \"record\", \"name\": \"Order\", \"fields\": ["
      + "{\"name\": \"id\", \"type\": \"long\"}, {\"name\": \"amount\", \"type\": \"int\"},"
      + "{\"name\": \"customer\", \"type\": {\"type\": \"record\", \"name\": \"Customer\", \"fields\": ["
      + "{\"name\": \"name\", \"type\": \"string\"}, {\"name\": \"email\", \"type\": [\"null\", \"string\"]}]}},"
      + "{\"name\": \"tags\", \"type\": {\"type\": \"array\", \"items\": \"string\"}}]}"));

  @TempDir
  Path dir;
  Warehouse warehouse;
  Table table;

  @BeforeEach
  void table() {
    warehouse = new Warehouse(dir);
    ((SupportsNamespaces) warehouse.catalog).createNamespace(Namespace.of(Warehouse.NAMESPACE));
    table = warehouse.catalog.createTable(ORDERS, KafkaColumns.SCHEMA, PartitionSpec.unpartitioned());
  }

  @Test
  void idsOfExistingColumnsStayTheSameAcrossEvolutions() {
    Map<String, Integer> before = idsByName(table.schema());
    Map<String, Integer> afterV1 = idsByName(ValueSchemaEvolution.evolve(table, List.of(V1)));
    Map<String, Integer> afterV2 = idsByName(ValueSchemaEvolution.evolve(table, List.of(V2)));

    before.forEach((name, id) -> assertEquals(id, afterV1.get(name), name));
    afterV1.forEach((name, id) -> assertEquals(id, afterV2.get(name), name));
    assertEquals(Types.LongType.get(), warehouse.table().schema().findType("id"));
    assertNotNull(warehouse.table().schema().findField("amount__int"));
  }

  @Test
  void severalStructsAreCommittedInOneSchemaChange() {
    // V2 adds a field inside the customer struct that V1 adds in the same commit.
    Schema evolved = ValueSchemaEvolution.evolve(table, List.of(V1, V2));

    Table reloaded = warehouse.table();
    assertEquals(2, reloaded.schemas().size());
    assertEquals(evolved.asStruct(), reloaded.schema().asStruct());
    assertNotNull(evolved.findField("customer.email"));
    assertEquals(List.of(), ValueColumnPlacement.changes(evolved, V1));
    assertEquals(List.of(), ValueColumnPlacement.changes(evolved, V2));
  }

  @Test
  void keyColumnsAreCommittedInsideKeyInTheSameSchemaChangeAsTheValues() {
    // A key whose fields share the value's names: they never share a column.
    Types.StructType key = Types.StructType.of(Types.NestedField.required(1, "id", Types.LongType.get()),
        Types.NestedField.required(2, "amount", Types.IntegerType.get()));

    Schema evolved = ValueSchemaEvolution.evolve(table, List.of(V1), List.of(key));

    assertEquals(2, warehouse.table().schemas().size());
    assertEquals(Types.IntegerType.get(), evolved.findType("id"));
    assertEquals(Types.LongType.get(), evolved.findType("_key.id"));
    assertEquals(Types.IntegerType.get(), evolved.findType("_key.amount"));
    assertEquals(Types.StringType.get(), evolved.findType("amount"));
  }

  @Test
  void fieldsAreAddedInsideListElementsAndMapValuesWhichBecomeOptional() {
    // As an operator may have made the columns: elements and values required.
    table.updateSchema()
        .addColumn("lines", Types.ListType.ofRequired(1, Types.StructType.of(
            Types.NestedField.optional(2, "sku", Types.StringType.get()))))
        .addColumn("stock", Types.MapType.ofRequired(3, 4, Types.StringType.get(), Types.StructType.of(
            Types.NestedField.optional(5, "count", Types.IntegerType.get()))))
        .commit();
    Types.StructType writer = Types.StructType.of(
        Types.NestedField.optional(1, "lines", Types.ListType.ofRequired(2, Types.StructType.of(
            Types.NestedField.optional(3, "sku", Types.StringType.get()),
            Types.NestedField.optional(4, "qty", Types.IntegerType.get())))),
        Types.NestedField.optional(5, "stock", Types.MapType.ofRequired(6, 7, Types.StringType.get(), Types.StructType.of(
            Types.NestedField.optional(8, "count", Types.LongType.get()),
            Types.NestedField.optional(9, "bin", Types.StringType.get())))));

    Schema schema = ValueSchemaEvolution.evolve(table, List.of(writer));

    assertEquals(Types.IntegerType.get(), schema.findType("lines.element.qty"));
    assertEquals(Types.LongType.get(), schema.findType("stock.value.count"));
    assertEquals(Types.StringType.get(), schema.findType("stock.value.bin"));
    assertTrue(schema.findType("lines").asListType().isElementOptional());
    assertTrue(schema.findType("stock").asMapType().isValueOptional());
  }

  @Test
  void aTableWrittenBeforeJsonValuesHadAShapeColumnGetsItWithTheirNextUpload() {
    RegisteredSchema carts = new RegisteredSchema(7, SchemaType.JSON,
        "{\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"integer\"}}}", Optional.empty(), List.of());
    Map<String, Integer> before = idsByName(ValueSchemaEvolution.evolve(table, List.of(JsonSchemaColumns.of(carts))));

    Schema after = ValueSchemaEvolution.evolve(table, List.of(JsonValueCodec.of(carts).columns()));

    before.forEach((name, id) -> assertEquals(id, idsByName(after).get(name), name));
    assertEquals(Types.BinaryType.get(), after.findField(JsonSchemaColumns.SHAPE).type());
  }

  @Test
  void nothingIsCommittedWhenNothingChanges() {
    ValueSchemaEvolution.evolve(table, List.of(V1, V2));
    String metadata = metadataLocation(warehouse.table());

    Schema schema = ValueSchemaEvolution.evolve(table, List.of(V2, V1));

    assertEquals(metadata, metadataLocation(warehouse.table()));
    assertEquals(warehouse.table().schema().asStruct(), schema.asStruct());
  }

  @Test
  void aConcurrentSchemaCommitIsRetriedAndBothChangesSurvive() {
    Table stale = warehouse.table();
    warehouse.table().updateSchema().addColumn("audit", Types.StringType.get()).commit();

    ValueSchemaEvolution.evolve(stale, List.of(V1));

    Schema schema = warehouse.table().schema();
    assertNotNull(schema.findField("audit"));
    assertNotNull(schema.findField("customer.name"));
  }

  @Test
  void boundValuesOfBothVersionsComeBackFromTheTablesDataFile() {
    Schema schema = ValueSchemaEvolution.evolve(table, List.of(V1, V2));
    ColumnBinding v1 = ValueColumnPlacement.bind(schema, V1);
    ColumnBinding v2 = ValueColumnPlacement.bind(schema, V2);
    List<Record> values = List.of(order1(7, "12.50", "Ada"), order2(1L << 40, 1250, "Grace", null, List.of("a", "b")),
        order1(-1, "", "Linus"), order2(3L, -5, "Barbara", "b@example.com", List.of()));
    TranslatedBatch batch = batchOf(values.size());

    RowRecords rowRecords = new RowRecords(schema);
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Record row = rowRecords.toRecord(batch.rows().get(i), batch, ValueVerdict.NONE);
      (i % 2 == 0 ? v1 : v2).write(values.get(i), row);
      rows.add(row);
    }
    append(schema, rows);

    List<Record> back = Warehouse.rows(warehouse.table());
    for (int i = 0; i < values.size(); i++) {
      assertEquals(values.get(i), (i % 2 == 0 ? v1 : v2).read(back.get(i)), "row " + i);
    }
  }

  /** One batch of {@code count} records, translated. */
  private TranslatedBatch batchOf(int count) {
    try (KafkaSegment log = KafkaSegment.create(dir.resolve("log"))) {
      log.plain(Compression.NONE, records(0, count));
      List<TranslatedBatch> batches = Warehouse.translate(log.path(), 3);
      assertEquals(1, batches.size(), "batches of " + count + " records");
      return batches.get(0);
    }
  }

  private void append(Schema schema, List<Record> rows) {
    Table current = warehouse.table();
    DataWriter<Record> writer;
    try {
      writer = Parquet.writeData(current.io().newOutputFile(current.locationProvider().newDataLocation("values.parquet")))
          .schema(schema)
          .withSpec(current.spec())
          .createWriterFunc(GenericParquetWriter::create)
          .build();
      try (writer) {
        rows.forEach(writer::write);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DataFile file = writer.toDataFile();
    current.newAppend().appendFile(file).commit();
  }

  private static Record order1(int id, String amount, String customer) {
    Record order = GenericRecord.create(V1);
    order.setField("id", id);
    order.setField("amount", amount);
    order.setField("customer", customer(V1, customer, null));
    return order;
  }

  private static Record order2(long id, int amount, String customer, String email, List<String> tags) {
    Record order = GenericRecord.create(V2);
    order.setField("id", id);
    order.setField("amount", amount);
    order.setField("customer", customer(V2, customer, email));
    order.setField("tags", tags);
    return order;
  }

  private static Record customer(Types.StructType order, String name, String email) {
    Record customer = GenericRecord.create(order.field("customer").type().asStructType());
    customer.setField("name", name);
    if (email != null) {
      customer.setField("email", email);
    }
    return customer;
  }

  private static Map<String, Integer> idsByName(Schema schema) {
    return TypeUtil.indexByName(schema.asStruct()).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static String metadataLocation(Table table) {
    return ((HasTableOperations) table).operations().current().metadataFileLocation();
  }

  private static org.apache.avro.Schema avro(String json) {
    return new org.apache.avro.Schema.Parser().parse(json);
  }
}
