package io.floe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.table.KafkaColumns;
import io.floe.writer.table.ForwardingOperations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit the catalog applied whose answer Floe never got, and whose client then sent it again: the
 * repeat is refused as a conflict. Iceberg's JDBC client pool runs the update again on a new
 * connection when the first one broke (PostgreSQL restarted mid-commit), and its REST client posts a
 * commit again after a 502, 503 or 504; either way the commit is in the catalog.
 */
class LostCommitAnswerTest {
  @TempDir
  Path dir;

  @Test
  void aCommitThatLandedButWhoseRepeatWasRefusedKeepsItsFilesAndMainHoldsEachOffsetOnce() throws Exception {
    Warehouse warehouse = new Warehouse(dir);
    warehouse.uploader().upload(CommitTest.upload(dir.resolve("first"), 0, "FirstAAAAAAAAAAAAAAAAA", 0, 10));
    RepeatingCatalog catalog = new RepeatingCatalog(warehouse.catalog);
    SegmentUploader uploader = new SegmentUploader(catalog, warehouse.io, warehouse.settings(Warehouse.MEBIBYTE,
        Warehouse.MEBIBYTE));

    catalog.repeatNextCommit();
    uploader.upload(CommitTest.upload(dir.resolve("second"), 0, "SecondAAAAAAAAAAAAAAAA", 10, 10));

    Table table = warehouse.table();
    List<Long> offsets = Warehouse.rows(table).stream()
        .map(row -> (Long) Warehouse.kafka(row).getField(KafkaColumns.OFFSET)).toList();
    assertEquals(20, offsets.size(), "rows of main: " + offsets);
    assertEquals(20, offsets.stream().distinct().count(), "offsets of main: " + offsets);
    for (DataFile file : mainFiles(table)) {
      assertTrue(Files.exists(Path.of(file.location())), "a file main references is missing: " + file.location());
    }
  }

  private static List<DataFile> mainFiles(Table table) throws Exception {
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      return StreamSupport.stream(tasks.spliterator(), false).map(FileScanTask::file).map(DataFile.class::cast).toList();
    }
  }

  /** A catalog whose next commit, once armed, is applied and then refused as its client's repeat of it would be. */
  private static final class RepeatingCatalog extends SteppingCatalog {
    private final AtomicBoolean repeatNext = new AtomicBoolean();

    RepeatingCatalog(Catalog catalog) {
      super(catalog);
    }

    void repeatNextCommit() {
      repeatNext.set(true);
    }

    @Override
    TableOperations stepping(TableOperations operations) {
      return new RepeatingOperations(operations);
    }

    private final class RepeatingOperations extends ForwardingOperations {
      RepeatingOperations(TableOperations operations) {
        super(operations);
      }

      @Override
      public void commit(TableMetadata base, TableMetadata metadata) {
        super.commit(base, metadata);
        if (repeatNext.getAndSet(false)) {
          // the repeat asks for the base the first one moved the table from
          throw new CommitFailedException("Cannot commit to table %s: it was modified concurrently", base.location());
        }
      }
    }
  }
}
