package io.floe.writer.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** Files waiting out the grace period before they leave the Kafka view's branch. */
class RetiredFilesTest {
  private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");
  private static final Duration GRACE = Duration.ofHours(1);

  @Test
  void aFileKeepsTheTimeItWasFirstSeenUnlistedAndIsForgottenWhenListedAgain() {
    RetiredFiles retired = new RetiredFiles(Map.of("a", T0));

    assertEquals(new RetiredFiles(Map.of("a", T0, "b", T0.plusSeconds(60))),
        retired.next(Set.of("a", "b"), T0.plusSeconds(60)));
    assertEquals(new RetiredFiles(Map.of("b", T0.plusSeconds(60))), retired.next(Set.of("b"), T0.plusSeconds(60)));
  }

  @Test
  void aFileIsDueOnlyOnceTheGracePeriodHasPassed() {
    RetiredFiles retired = new RetiredFiles(Map.of("a", T0, "b", T0.plusSeconds(1)));

    assertEquals(Set.of(), retired.due(T0.plus(GRACE).minusMillis(1), GRACE));
    assertEquals(Set.of("a"), retired.due(T0.plus(GRACE), GRACE));
  }

  @Test
  void aFileRetiredAgainKeepsItsFirstTime() {
    RetiredFiles retired = new RetiredFiles(Map.of("a", T0));

    assertEquals(new RetiredFiles(Map.of("a", T0, "b", T0.plusSeconds(5))),
        retired.adding(List.of("a", "b"), T0.plusSeconds(5)));
  }

  @Test
  void theTablePropertyHoldsWhatWasWrittenAndGoesWhenNoneIsLeft() {
    Table table = table();
    RetiredFiles retired = new RetiredFiles(Map.of("s3://bucket/t/data/a.parquet", T0, "b", T0.plusMillis(1)));

    retired.write(table.updateProperties());
    assertEquals(retired, RetiredFiles.of(table));

    new RetiredFiles(Map.of()).write(table.updateProperties());
    assertEquals(Map.of(), RetiredFiles.of(table).since());
    assertEquals(null, table.properties().get(RetiredFiles.PROPERTY));
  }

  private static Table table() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("memory", Map.of());
    catalog.createNamespace(Namespace.of("kafka"));
    return catalog.createTable(TableIdentifier.of("kafka", "orders"),
        new Schema(Types.NestedField.required(1, "id", Types.LongType.get())));
  }
}
