package io.floe.e2e.floe;

import io.floe.plugin.MainMaintenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A compaction of a topic's table's {@code main}, made by an engine other than Floe. */
public final class MainCompaction {
  private MainCompaction() {}

  /**
   * Rewrites every data file of {@code main} of {@code kafka.<table>} into one per table partition
   * and commits it as a replace snapshot, as Spark's {@code rewrite_data_files} does (Iceberg's
   * {@code RewriteFiles}); returns the files it took out of main and put in.
   */
  public static KafkaView.Compaction compact(Path warehouse, String table) {
    WarehouseCatalog.withTable(warehouse, table, t -> {
      try {
        MainMaintenance.compact(t);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot compact main of " + t.name(), e);
      }
      return null;
    });
    return KafkaView.lastCompactionOfMain(warehouse, table);
  }
}
