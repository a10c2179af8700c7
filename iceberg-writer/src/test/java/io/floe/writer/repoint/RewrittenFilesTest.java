package io.floe.writer.repoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** Where Floe copied the rows of files only the Kafka view holds, as the table property records it. */
class RewrittenFilesTest {
  private static final RewrittenFiles.Placement FIRST = new RewrittenFiles.Placement("s3://b/t/data/kafka-view-1.parquet", 0);
  private static final RewrittenFiles.Placement SECOND = new RewrittenFiles.Placement("s3://b/t/data/kafka-view-1.parquet", 17);

  @Test
  void thePropertyHoldsEveryPlacementAndGoesWhenNoneIsLeft() {
    Table table = table();
    RewrittenFiles rewritten = new RewrittenFiles(Map.of()).with(Map.of("s3://b/t/data/a-0123abcd-00001.parquet", FIRST))
        .with(Map.of("s3://b/t/data/b-0123abcd-00001.parquet", SECOND));

    rewritten.write(table.updateProperties());
    assertEquals(rewritten, RewrittenFiles.of(table));

    new RewrittenFiles(Map.of()).write(table.updateProperties());
    assertEquals(null, table.properties().get(RewrittenFiles.PROPERTY));
  }

  private static Table table() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("memory", Map.of());
    catalog.createNamespace(Namespace.of("kafka"));
    return catalog.createTable(TableIdentifier.of("kafka", "orders"),
        new Schema(Types.NestedField.required(1, "id", Types.LongType.get())));
  }
}
