package io.floe.writer.table;

import io.floe.translator.table.ColumnChange;
import io.floe.translator.table.ColumnChanges;
import io.floe.translator.table.KeyColumnPlacement;
import io.floe.translator.table.ValueColumnPlacement;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.types.Types;

/** Commits the changes that the value and key columns of a segment's writer structs need. */
public final class ValueSchemaEvolution {
  private static final int RETRIES = 5;
  private static final long BACKOFF_MILLIS = 50;

  private ValueSchemaEvolution() {}

  /**
   * Evolves {@code table} so that every struct of {@code writers} (in order: a later struct is
   * placed against the schema the earlier ones made) has fitting columns, in one schema commit
   * (none when nothing changes), and returns the table's schema after it. A commit that conflicts
   * with a concurrent one is retried against the refreshed table, at most 5 times with a short
   * backoff; then the exception propagates.
   */
  public static Schema evolve(Table table, List<Types.StructType> writers) {
    return evolve(table, writers, List.of());
  }

  /**
   * As {@link #evolve(Table, List)}, with the columns of {@code keys}, the structs of key writer
   * schemas, placed in {@code _key} after the values' in the same commit.
   */
  public static Schema evolve(Table table, List<Types.StructType> writers, List<Types.StructType> keys) {
    for (int attempt = 0; ; attempt++) {
      try {
        return commit(table, writers, keys);
      } catch (CommitFailedException e) {
        if (attempt == RETRIES) {
          throw e;
        }
        pause(table, attempt, e);
        table.refresh();
      }
    }
  }

  private static Schema commit(Table table, List<Types.StructType> writers, List<Types.StructType> keys) {
    Schema current = table.schema();
    // Iceberg's UpdateSchema cannot change a column it adds in the same update, so the structs are
    // placed one after another against a schema of placeholder ids, and the whole difference is
    // committed at once.
    Schema evolved = current;
    for (Types.StructType writer : writers) {
      evolved = ValueColumnPlacement.evolved(evolved, writer);
    }
    for (Types.StructType key : keys) {
      evolved = KeyColumnPlacement.evolved(evolved, key);
    }
    List<ColumnChange> changes = ColumnChanges.between(current, evolved);
    if (changes.isEmpty()) {
      return current;
    }
    UpdateSchema update = table.updateSchema();
    changes.forEach(change -> change.applyTo(update));
    update.commit();
    return table.schema();
  }

  private static void pause(Table table, int attempt, CommitFailedException cause) {
    try {
      Thread.sleep(BACKOFF_MILLIS * (attempt + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CommitFailedException interrupted = new CommitFailedException(cause,
          "Cannot evolve the value columns of table %s: interrupted while retrying a conflicting commit", table.name());
      interrupted.addSuppressed(e);
      throw interrupted;
    }
  }
}
