package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.check.ReadingLoop;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.floe.FloeDistribution.ToolRun;
import io.floe.e2e.floe.KafkaView;
import io.floe.e2e.floe.TableRows;
import io.floe.e2e.spark.SparkSql;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.Workloads;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.data.Record;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark compacts a served topic's table and Floe's re-pointing keeps one copy of its bytes (issue
 * 13; docs/operations/tools.md, {@code floe repoint}): Spark's {@code rewrite_data_files} on
 * {@code main}; {@code floe repoint} from the distribution re-points the segments at Spark's files;
 * a run after the grace period lets the old files go from Floe's branch; Spark's
 * {@code expire_snapshots} and {@code remove_orphan_files} delete them. Consumers of both
 * isolation levels read the topic from offset 0 from remote storage all along, and every pass is
 * exact.
 */
@Tag("spark")
class SparkCompactionRepointingSparkIT {
  private static final String TOPIC = "compacted";
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration READING_TIMEOUT = Duration.ofSeconds(120);
  /**
   * The shortest grace period {@code floe repoint} takes: a broker keeps a manifest at most 5
   * minutes, and the readers' fetches are short.
   */
  private static final Duration GRACE_PERIOD = Duration.ofMinutes(5).plusSeconds(1);
  private static final Pattern SUMMARY = Pattern.compile(
      "re-pointed (\\d+) segments, kept (\\d+) on their own files, retired (\\d+) files, released (\\d+)");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  private static Path warehouse;
  private static KafkaBroker broker;
  private static Map<String, Record> mainBefore;
  private static Map<TopicPartition, Long> tiered;
  private static long bytesBefore;
  private static Set<String> replaced;
  private static Set<String> segmentsOnReplacedFiles;
  private static Set<String> compacted;
  private static ToolRun repointing;
  private static Map<String, Set<String>> viewAfterRepointing;
  private static ToolRun release;
  private static long bytesAfter;
  private static Map<IsolationLevel, ReadingLoop.Passes> passes;

  @BeforeAll
  static void compactWithSparkAndRepointWithFloeWhileConsumersRead() {
    warehouse = dir.resolve("warehouse");
    FloeDistribution floe = FloeDistribution.built();
    broker = KafkaBroker.start(BrokerSpec.of(KafkaDistribution.current(), floe.withWarehouse(warehouse, Map.of())),
        dir.resolve("broker"));
    TieredTopic topic = TieredTopic.named(TOPIC, BATCHES_PER_SEGMENT).withPartitions(2).create(broker);
    Workloads workloads = new Workloads(broker, topic);
    workloads.mixed(BATCHES_PER_SEGMENT);
    tiered = topic.endOffsets(broker);
    workloads.plain(topic.partitions() * (BATCHES_PER_SEGMENT + 1)); // rolls each partition's last segment
    topic.awaitTieredBefore(broker, tiered, TIERING_TIMEOUT);
    mainBefore = TableRows.wholeBefore(warehouse, TOPIC, tiered);
    bytesBefore = KafkaView.referencedDataBytes(warehouse, TOPIC);
    SparkSql spark = SparkSql.onWarehouse(warehouse, dir.resolve("spark"), SPARK_SETTINGS);
    Path config = dir.resolve("broker/server.properties");

    try (ReadingLoop readers = ReadingLoop.start(broker, topic, workloads.produced(),
        topic.stableEndOffsets(broker, TIERING_TIMEOUT))) {
      readers.awaitPassFromNow(READING_TIMEOUT);
      Map<String, Object> rewrite = spark.query("CALL floe.system.rewrite_data_files(table => 'kafka." + TOPIC + "',"
          + " options => map('min-input-files', '2'))").get(0);
      assertTrue((Long) rewrite.get("rewritten_data_files_count") > 1, () -> "Spark rewrote no small files: " + rewrite);
      KafkaView.Compaction compaction = KafkaView.lastCompactionOfMain(warehouse, TOPIC);
      replaced = compaction.replaced();
      compacted = compaction.compacted();
      segmentsOnReplacedFiles = KafkaView.segmentsListingAny(KafkaView.filesBySegment(warehouse, TOPIC), replaced);
      readers.awaitPassFromNow(READING_TIMEOUT);

      repointing = floe.tool(dir.resolve("repoint"), "repoint", "--config", config.toString(), TOPIC);
      viewAfterRepointing = KafkaView.filesBySegment(warehouse, TOPIC);
      readers.awaitPassFromNow(READING_TIMEOUT);

      // The readers read on while the brokers' cached manifests expire and the grace period passes.
      Map<String, Instant> retired = KafkaView.retiredFiles(warehouse, TOPIC);
      assertTrue(!retired.isEmpty(), repointing::toString);
      Instant due = Collections.max(retired.values()).plus(GRACE_PERIOD);
      while (Instant.now().isBefore(due)) {
        readers.awaitPassFromNow(READING_TIMEOUT);
      }
      release = floe.tool(dir.resolve("release"), "repoint", "--config", config.toString(),
          "--grace-period", GRACE_PERIOD.toString(), TOPIC);
      readers.awaitPassFromNow(READING_TIMEOUT);

      expireAndRemoveOrphans(spark);
      readers.awaitPassFromNow(READING_TIMEOUT);
      passes = readers.stop();
    }
    bytesAfter = KafkaView.storedDataBytes(warehouse, TOPIC);
  }

  @AfterAll
  static void stopTheBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void floeRepointRepointsEverySegmentAtSparksFiles() {
    assertEquals(0, repointing.exit(), repointing::toString);
    assertEquals(segmentsOnReplacedFiles.size(), summary(repointing, 1), repointing::toString);
    assertEquals(0, summary(repointing, 2), repointing::toString);
    assertEquals(segmentsOnReplacedFiles, KafkaView.segmentsListingAny(viewAfterRepointing, compacted),
        viewAfterRepointing::toString);
    assertEquals(Set.of(), KafkaView.segmentsListingAny(viewAfterRepointing, replaced), viewAfterRepointing::toString);
  }

  @Test
  void aRunAfterTheGracePeriodReleasesEveryFileTheFirstRetired() {
    assertEquals(0, release.exit(), release::toString);
    assertTrue(summary(repointing, 3) > 0, repointing::toString);
    assertEquals(summary(repointing, 3), summary(release, 4), () -> repointing + "\n" + release);
  }

  @Test
  void theTableStoresItsDataOnceAfterSparkDeletesTheReleasedFiles() {
    assertTrue(bytesAfter <= bytesBefore * 1.05,
        () -> "data bytes " + bytesBefore + " before compaction, " + bytesAfter + " after");
  }

  @Test
  void readCommittedFromRemoteIsExactEveryPassThroughCompactionRepointingAndDeletion() {
    passes.get(IsolationLevel.READ_COMMITTED).assertAllExact(6);
  }

  @Test
  void readUncommittedFromRemoteIsExactEveryPassThroughCompactionRepointingAndDeletion() {
    passes.get(IsolationLevel.READ_UNCOMMITTED).assertAllExact(6);
  }

  @Test
  void mainHoldsTheRowsItHeldBeforeTheCompactionEachOffsetOnce() {
    assertEquals(mainBefore, TableRows.wholeBefore(warehouse, TOPIC, tiered));
  }

  @Test
  void noFileASegmentManifestListsIsMissing() {
    assertEquals(Set.of(), KafkaView.missingFiles(warehouse, TOPIC));
  }

  /**
   * remove_orphan_files refuses an {@code older_than} under 24 hours unless the session conf has
   * {@code spark.testing}; it is set for the session only (not Spark's own testing mode, a
   * system property), which {@code SET} may do once it may change a core setting.
   */
  private static final Map<String, String> SPARK_SETTINGS =
      Map.of("spark.sql.legacy.setCommandRejectsSparkCoreConfs", "false");

  /**
   * {@code expire_snapshots} of every snapshot but each ref's last, then {@code remove_orphan_files}
   * of everything unreferenced until now: the files Floe released, and the ones Spark replaced, go.
   */
  private static void expireAndRemoveOrphans(SparkSql spark) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    spark.run(List.of(
        "CALL floe.system.expire_snapshots(table => 'kafka." + TOPIC + "', older_than => TIMESTAMP '" + now + "',"
            + " retain_last => 1)",
        "SET spark.testing = true",
        "CALL floe.system.remove_orphan_files(table => 'kafka." + TOPIC + "',"
            + " older_than => TIMESTAMP '" + now.plusSeconds(1) + "')"));
  }

  /** A count of the summary line of {@code floe repoint}: 1 re-pointed, 2 kept, 3 retired, 4 released. */
  private static int summary(ToolRun run, int group) {
    Matcher matcher = SUMMARY.matcher(run.out());
    assertTrue(matcher.find(), run::toString);
    return Integer.parseInt(matcher.group(group));
  }
}
