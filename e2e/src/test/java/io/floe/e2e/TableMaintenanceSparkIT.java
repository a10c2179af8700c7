package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.check.ConsumedRecords;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.spark.SparkSql;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.Workloads;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's maintenance of a topic's table with Spark SQL while the broker keeps serving the
 * topic: {@code rewrite_data_files}, {@code expire_snapshots} (retaining the last snapshot) and
 * {@code remove_orphan_files} on {@code main}, in that order, as a data platform schedules them.
 * The files a remote fetch needs stay reachable from Floe's own branch of the table, so consumers
 * still read every record exactly.
 */
@Tag("spark")
class TableMaintenanceSparkIT {
  /** The branch of each table that Floe owns and keeps every file of the Kafka view in. */
  private static final String FLOE_BRANCH = "floe";
  private static final String TOPIC = "maintained";
  private static final String TABLE = "floe.kafka." + TOPIC;
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(120);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  private static KafkaBroker broker;
  private static TieredTopic topic;
  private static Workloads workloads;
  private static Rewrite rewrite;
  private static CleanUp cleanUp;

  @BeforeAll
  static void tierAMixedWorkloadWhileAnOperatorMaintainsItsTable() {
    Path warehouse = dir.resolve("warehouse");
    broker = KafkaBroker.start(BrokerSpec.of(KafkaDistribution.current(),
        FloeDistribution.built().withWarehouse(warehouse, Map.of())), dir.resolve("broker"));
    topic = TieredTopic.named(TOPIC, BATCHES_PER_SEGMENT).withPartitions(2).create(broker);
    workloads = new Workloads(broker, topic);
    SparkSql spark = SparkSql.onWarehouse(warehouse, dir.resolve("spark"), CleanUp.SETTINGS);

    workloads.mixed(BATCHES_PER_SEGMENT);
    awaitEverythingTiered();
    rewrite = Rewrite.run(spark, TABLE);
    assertTrue(rewrite.rewrittenDataFiles() > 1, () -> "rewrite_data_files rewrote no small files: " + rewrite);

    // Floe commits more segments after the rewrite, so that the rewrite's snapshot (whose manifests
    // still list the replaced files, as deleted) is no longer the last one and expires too.
    workloads.everyCodec(2);
    awaitEverythingTiered();
    cleanUp = CleanUp.run(spark, TABLE);
    assertTrue(cleanUp.expiredManifestLists() > 0, () -> "expire_snapshots expired no snapshot: " + cleanUp);
  }

  @AfterAll
  static void stopTheBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void rewritingTheDataFilesKeepsMainsRowCount() {
    assertEquals(rewrite.recordsBefore(), rewrite.recordsAfter(), () -> rewrite.toString());
  }

  @Test
  void readUncommittedFromRemoteIsExactAfterMaintenance() {
    ConsumedRecords.fromStart(broker, topic, IsolationLevel.READ_UNCOMMITTED).assertExactly(workloads.produced());
  }

  @Test
  void readCommittedFromRemoteIsExactAfterMaintenance() {
    ConsumedRecords.fromStart(broker, topic, IsolationLevel.READ_COMMITTED).assertExactly(workloads.produced());
  }

  @Test
  void cleaningUpMainLeavesFloesBranchAtTheSameSnapshot() {
    Optional<Long> before = CleanUp.head(cleanUp.refsBefore(), FLOE_BRANCH);
    assertTrue(before.isPresent(), () -> "no branch " + FLOE_BRANCH + " before the clean-up: " + cleanUp);

    assertEquals(before, CleanUp.head(cleanUp.refsAfter(), FLOE_BRANCH), () -> cleanUp.toString());
  }

  /**
   * Rolls each partition's last segment with one segment's worth of batches per partition (a
   * segment holds one batch more than its index entries): exactly one roll, the new active segment
   * left unrolled. Once everything before the old end is tiered, no upload is in flight while
   * Spark rewrites and deletes files.
   */
  private static void awaitEverythingTiered() {
    Map<TopicPartition, Long> end = topic.endOffsets(broker);
    workloads.plain(topic.partitions() * (BATCHES_PER_SEGMENT + 1));
    topic.awaitTieredBefore(broker, end, TIERING_TIMEOUT);
  }

  /** {@code rewrite_data_files} on main, with main's row count before and after it. */
  private record Rewrite(long recordsBefore, Map<String, Object> result, long recordsAfter) {
    static Rewrite run(SparkSql spark, String table) {
      List<List<Map<String, Object>>> results = spark.run(List.of(
          "SELECT count(*) AS records FROM " + table,
          "CALL floe.system.rewrite_data_files(table => '" + procedureName(table) + "',"
              + " options => map('min-input-files', '2'))",
          "SELECT count(*) AS records FROM " + table));
      return new Rewrite(records(results.get(0)), results.get(1).get(0), records(results.get(2)));
    }

    long rewrittenDataFiles() {
      return (Long) result.get("rewritten_data_files_count");
    }

    private static long records(List<Map<String, Object>> rows) {
      return (Long) rows.get(0).get("records");
    }
  }

  /**
   * {@code expire_snapshots} keeping only the last snapshot, then {@code remove_orphan_files} of
   * everything unreferenced until now, with the table's refs before and after.
   */
  private record CleanUp(List<Map<String, Object>> refsBefore, Map<String, Object> expired,
      List<Map<String, Object>> orphans, List<Map<String, Object>> refsAfter) {
    /**
     * remove_orphan_files refuses an {@code older_than} under 24 hours unless the session conf has
     * {@code spark.testing}; it is set for the session only (not Spark's own testing mode, a
     * system property), which {@code SET} may do once it may change a core setting.
     */
    static final Map<String, String> SETTINGS = Map.of("spark.sql.legacy.setCommandRejectsSparkCoreConfs", "false");

    static CleanUp run(SparkSql spark, String table) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      String refs = "SELECT name, type, snapshot_id FROM " + table + ".refs";
      List<List<Map<String, Object>>> results = spark.run(List.of(
          refs,
          "CALL floe.system.expire_snapshots(table => '" + procedureName(table) + "',"
              + " older_than => TIMESTAMP '" + now + "', retain_last => 1)",
          "SET spark.testing = true",
          "CALL floe.system.remove_orphan_files(table => '" + procedureName(table) + "',"
              + " older_than => TIMESTAMP '" + now.plusSeconds(1) + "')",
          refs));
      return new CleanUp(results.get(0), results.get(1).get(0), results.get(3), results.get(4));
    }

    long expiredManifestLists() {
      return (Long) expired.get("deleted_manifest_lists_count");
    }

    static Optional<Long> head(List<Map<String, Object>> refs, String branch) {
      return refs.stream().filter(ref -> branch.equals(ref.get("name")) && "BRANCH".equals(ref.get("type")))
          .map(ref -> (Long) ref.get("snapshot_id")).findFirst();
    }
  }

  /** A procedure names the table without the catalog. */
  private static String procedureName(String table) {
    return table.substring(table.indexOf('.') + 1);
  }
}
