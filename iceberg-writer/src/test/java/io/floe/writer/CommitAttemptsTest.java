package io.floe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.writer.table.CommitListener;
import io.floe.writer.table.CommitListener.CommitOutcome;
import io.floe.writer.table.ForwardingOperations;
import io.floe.writer.table.TableResolver;
import io.floe.writer.table.TopicTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a {@link CommitListener} hears of the commits Floe makes to a topic's table, through a real catalog. */
class CommitAttemptsTest {
  @TempDir
  Path dir;

  private final List<CommitOutcome> heard = new CopyOnWriteArrayList<>();
  private final CommitListener listener = (topic, outcome) -> {
    assertEquals(Warehouse.TOPIC, topic);
    heard.add(outcome);
  };

  @Test
  void anUploadNobodyCompetesWithCommitsAtTheFirstAttempt() {
    Warehouse warehouse = new Warehouse(dir);
    SegmentUploader uploader = new SegmentUploader(warehouse.catalog, "the test's catalog", warehouse.io,
        warehouse.settings(Warehouse.MEBIBYTE, Warehouse.MEBIBYTE), listener);

    uploader.upload(CommitTest.upload(dir, 0, "FirstAAAAAAAAAAAAAAAAA", 0, 10));

    assertEquals(List.of(CommitOutcome.COMMITTED), heard);
  }

  @Test
  void aCommitTheCatalogRefusesBecauseAnotherWriterCommittedFirstIsAConflictIcebergRetries() {
    Warehouse warehouse = new Warehouse(dir);
    TableIdentifier identifier = TableIdentifier.of(Warehouse.NAMESPACE, Warehouse.TOPIC);
    new TableResolver(warehouse.catalog).resolve(identifier, Warehouse.TOPIC, Warehouse.TOPIC_ID);
    RacingCatalog racing = new RacingCatalog(warehouse.catalog);
    TopicTable table = new TableResolver(racing, listener).resolve(identifier, Warehouse.TOPIC, Warehouse.TOPIC_ID);

    table.withLatest(latest -> {
      // another broker commits between Iceberg's refresh before the commit and the commit
      racing.nextRefreshRacedBy(() -> warehouse.table().updateProperties().set("theirs", "1").commit());
      latest.updateProperties().set("ours", "1").commit();
      return null;
    });

    assertEquals(List.of(CommitOutcome.CONFLICTED, CommitOutcome.COMMITTED), heard);
    assertEquals("1", warehouse.table().properties().get("ours"));
    assertEquals("1", warehouse.table().properties().get("theirs"));
  }

  /** A catalog whose tables let another writer commit right after one chosen refresh: a race, made certain. */
  private static final class RacingCatalog extends SteppingCatalog {
    private final AtomicReference<Runnable> race = new AtomicReference<>();

    RacingCatalog(Catalog catalog) {
      super(catalog);
    }

    void nextRefreshRacedBy(Runnable commit) {
      race.set(commit);
    }

    @Override
    TableOperations stepping(TableOperations operations) {
      return new RacingOperations(operations);
    }

    private final class RacingOperations extends ForwardingOperations {
      RacingOperations(TableOperations operations) {
        super(operations);
      }

      @Override
      public TableMetadata refresh() {
        TableMetadata refreshed = super.refresh();
        Optional.ofNullable(race.getAndSet(null)).ifPresent(Runnable::run);
        return refreshed;
      }
    }
  }
}
