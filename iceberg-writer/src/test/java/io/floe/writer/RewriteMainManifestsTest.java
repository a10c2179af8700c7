package io.floe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.writer.maintenance.RewriteMainManifests;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Main's manifests rewritten when they pile up: fewer manifests, the same rows in both views. */
class RewriteMainManifestsTest {
  @TempDir
  Path dir;

  @Test
  void rewritesMainsDataManifestsWhenThereAreMoreThanTheBound() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(6);
    List<Record> rows = tiered.mainRows();
    Set<String> kafkaView = tiered.kafkaViewFiles();

    int rewritten = RewriteMainManifests.of(tiered.table()).whenMoreThan(3).commit();

    Table table = tiered.table();
    assertEquals(6, rewritten);
    assertEquals(1, table.currentSnapshot().dataManifests(table.io()).size());
    assertEquals("replace", table.currentSnapshot().operation());
    assertEquals(rows, tiered.mainRows());
    assertEquals(kafkaView, tiered.kafkaViewFiles());
  }

  @Test
  void leavesMainAsItIsWithinTheBound() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(3);
    long snapshot = tiered.table().currentSnapshot().snapshotId();

    int rewritten = RewriteMainManifests.of(tiered.table()).whenMoreThan(3).commit();

    assertEquals(0, rewritten);
    assertEquals(snapshot, tiered.table().currentSnapshot().snapshotId());
  }
}
