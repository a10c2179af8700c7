package io.floe.writer.deletes;

import static io.floe.translator.table.KafkaColumns.ATTRIBUTES;
import static io.floe.translator.table.KafkaColumns.BATCH;
import static io.floe.translator.table.KafkaColumns.KAFKA;
import static io.floe.translator.table.KafkaColumns.OFFSET;
import static io.floe.translator.table.KafkaColumns.PARTITION;
import static io.floe.translator.table.KafkaColumns.PARTITION_LEADER_EPOCH;
import static io.floe.translator.table.KafkaColumns.PRODUCER_ID;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.MetadataColumns;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericDeleteFilter;
import org.apache.iceberg.data.IdentityPartitionConverters;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.formats.FormatModelRegistry;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.util.PartitionUtil;

/**
 * Finds where the rows of a range of offsets of one Kafka partition live in a snapshot of a table:
 * which data file, at which position, so that they can be deleted by position.
 */
public final class TableRowScan {
  private static final String PARTITION_COLUMN = KAFKA + "." + PARTITION;
  private static final String OFFSET_COLUMN = KAFKA + "." + OFFSET;
  private static final String EPOCH_COLUMN = KAFKA + "." + BATCH + "." + PARTITION_LEADER_EPOCH;
  private static final String ATTRIBUTES_COLUMN = KAFKA + "." + BATCH + "." + ATTRIBUTES;
  private static final String PRODUCER_ID_COLUMN = KAFKA + "." + BATCH + "." + PRODUCER_ID;
  private static final int TRANSACTIONAL = 0x10;
  private static final int CONTROL = 0x20;

  private TableRowScan() {}

  /**
   * The live rows of snapshot {@code snapshotId} (a ref's head; its existing delete files applied)
   * of Kafka partition {@code partition} with offsets in [from, to], in file order. Data files are
   * pruned by the scan's filter on _kafka.partition and _kafka.offset (column metrics), and their
   * row groups by the same filter on the Parquet statistics; only the _kafka fields needed are
   * read, plus Iceberg's _pos row position (which counts the skipped row groups' rows).
   */
  public static List<LocatedRow> rows(Table table, long snapshotId, int partition, long from, long to) {
    List<LocatedRow> rows = new ArrayList<>();
    forEach(table, snapshotId, partition, from, to, rows::add);
    return rows;
  }

  /** As {@link #rows}, handing each row over as it is read instead of keeping them all. */
  public static void forEach(Table table, long snapshotId, int partition, long from, long to,
      Consumer<LocatedRow> action) {
    Expression range = Expressions.and(Expressions.equal(PARTITION_COLUMN, partition),
        Expressions.greaterThanOrEqual(OFFSET_COLUMN, from), Expressions.lessThanOrEqual(OFFSET_COLUMN, to));
    Schema kafka = table.schema()
        .select(PARTITION_COLUMN, OFFSET_COLUMN, EPOCH_COLUMN, ATTRIBUTES_COLUMN, PRODUCER_ID_COLUMN);
    Schema projection = TypeUtil.join(kafka, new Schema(MetadataColumns.ROW_POSITION));
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshotId).filter(range).planFiles()) {
      for (FileScanTask task : tasks) {
        read(table, task, range, projection, partition, from, to, action);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(String.format("Cannot scan table %s at snapshot %d for offsets %d-%d of "
          + "partition %d: %s", table.name(), snapshotId, from, to, partition, e.getMessage()), e);
    }
  }

  /** Hands over the rows of one data file in the range, its deletes applied, in file order. */
  private static void read(Table table, FileScanTask task, Expression range, Schema projection, int partition,
      long from, long to, Consumer<LocatedRow> action) throws IOException {
    GenericDeleteFilter deletes = new GenericDeleteFilter(table.io(), task, table.schema(), projection);
    Schema readSchema = deletes.requiredSchema();
    CloseableIterable<Record> records = FormatModelRegistry.<Record, Object>readBuilder(task.file().format(),
            Record.class, table.io().newInputFile(task.file()))
        .project(readSchema)
        .filter(range)
        .idToConstant(PartitionUtil.constantsMap(task, IdentityPartitionConverters::convertConstant))
        .build();
    try (CloseableIterable<Record> live = deletes.filter(records)) {
      for (Record record : live) {
        Record kafka = (Record) record.getField(KAFKA);
        long offset = (Long) kafka.getField(OFFSET);
        // Metrics only prune files and row groups: one in range may hold rows outside it.
        if ((Integer) kafka.getField(PARTITION) == partition && offset >= from && offset <= to) {
          action.accept(located(task, record, kafka, offset));
        }
      }
    }
  }

  private static LocatedRow located(FileScanTask task, Record record, Record kafka, long offset) {
    Record batch = (Record) kafka.getField(BATCH);
    int attributes = (Integer) batch.getField(ATTRIBUTES);
    return new LocatedRow(task.file(), (Long) record.getField(MetadataColumns.ROW_POSITION.name()),
        (Integer) kafka.getField(PARTITION), offset, (Integer) batch.getField(PARTITION_LEADER_EPOCH),
        (Long) batch.getField(PRODUCER_ID), (attributes & TRANSACTIONAL) != 0, (attributes & CONTROL) != 0);
  }
}
