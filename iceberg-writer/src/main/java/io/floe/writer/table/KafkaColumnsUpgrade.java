package io.floe.writer.table;

import static io.floe.translator.table.KafkaColumns.BATCH;
import static io.floe.translator.table.KafkaColumns.CHECKSUM;
import static io.floe.translator.table.KafkaColumns.KAFKA;
import static io.floe.translator.table.KafkaColumns.KEY_SCHEMA_ID;
import static io.floe.translator.table.KafkaColumns.KEY_TEXT;

import io.floe.translator.table.KafkaColumns;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.types.Types.NestedField;
import org.apache.iceberg.util.Tasks;

/**
 * Adds to a table the {@code _kafka} fields Floe has added since it could have made the table: a
 * table of an older Floe gets them when it is adopted. They are optional, so that an older Floe
 * still writing to the table during a rolling upgrade leaves them empty, and a newer one reads its
 * rows as it reads rows from before them.
 */
final class KafkaColumnsUpgrade {
  /**
   * The batch's content checksum, since Floe checks rebuilt batches against it; the key's schema id
   * and text, since Floe types keys.
   */
  private static final List<String> ADDED = List.of(KAFKA + "." + BATCH + "." + CHECKSUM,
      KAFKA + "." + KEY_SCHEMA_ID, KAFKA + "." + KEY_TEXT);

  private KafkaColumnsUpgrade() {}

  /** The table's schema as it will be once they are added: what to check before adopting it. */
  static Schema upgraded(Table table) {
    return update(table).apply();
  }

  /**
   * Adds what the table lacks of them in one schema commit, retried against the refreshed table
   * when another broker commits first.
   *
   * @throws CommitFailedException if the table kept moving under the retries
   */
  static void apply(Table table) {
    if (missing(table).isEmpty()) {
      return;
    }
    Tasks.foreach(table)
        .retry(4)
        .exponentialBackoff(50, 1_000, 10_000, 2.0)
        .onlyRetryOn(CommitFailedException.class)
        .throwFailureWhenFinished()
        .run(KafkaColumnsUpgrade::addMissing);
  }

  private static void addMissing(Table table) {
    table.refresh();
    if (!missing(table).isEmpty()) {
      update(table).commit();
    }
  }

  private static UpdateSchema update(Table table) {
    UpdateSchema update = table.updateSchema();
    for (String path : missing(table)) {
      NestedField field = KafkaColumns.SCHEMA.findField(path);
      update.addColumn(parent(path), field.name(), field.type(), field.doc());
    }
    return update;
  }

  /** The fields the table lacks and can take: a table without their struct is refused by its check. */
  private static List<String> missing(Table table) {
    return ADDED.stream()
        .filter(path -> table.schema().findField(path) == null && table.schema().findField(parent(path)) != null)
        .toList();
  }

  private static String parent(String path) {
    return path.substring(0, path.lastIndexOf('.'));
  }
}
