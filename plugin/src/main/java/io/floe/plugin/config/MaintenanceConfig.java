package io.floe.plugin.config;

import io.floe.plugin.topics.TopicOverrides;
import io.floe.writer.maintenance.MaintenanceSettings;
import io.floe.writer.maintenance.MaintenanceSettings.Compaction;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The {@code maintenance.*} keys (docs/operations/maintenance.md), checked: which topics' tables the
 * broker maintains, how often, and what a pass keeps, in the broker and in {@code floe maintain}
 * alike. The lower bounds are where a pass would start to fail uploads: an upload validates its
 * commit against the snapshot of {@code main} it read, and its files are referenced by nothing
 * until that commit.
 *
 * @param topics the pattern of the topics whose tables the broker maintains, as configured; empty: none
 * @param interval how long the broker waits between two passes
 */
public record MaintenanceConfig(String topics, Duration interval, MaintenanceSettings settings,
    TopicOverrides<Boolean> matching) {
  public static final String TOPICS = "maintenance.topics";
  public static final String INTERVAL = "maintenance.interval.ms";
  public static final String RETAIN_LAST = "maintenance.snapshots.retain-last";
  public static final String MAX_SNAPSHOT_AGE = "maintenance.snapshots.max-age.ms";
  public static final String MAX_MANIFESTS = "maintenance.manifests.max-count";
  public static final String ORPHAN_MIN_AGE = "maintenance.orphans.min-age.ms";
  public static final String COMPACTION_ENABLED = "maintenance.compaction.enabled";
  public static final String COMPACTION_TARGET_SIZE = "maintenance.compaction.target-file-size-bytes";
  public static final String COMPACTION_MIN_AGE = "maintenance.compaction.min-age.ms";
  public static final String COMPACTION_RATE = "maintenance.compaction.max-bytes-per-second";

  private static final long MINUTE_MS = 60_000;
  private static final long HOUR_MS = 60 * MINUTE_MS;
  private static final long MIB = 1L << 20;

  /** Whether the broker maintains the topic's table; with the pattern empty, no topic's (no topic's name is empty). */
  public boolean maintains(String topic) {
    return matching.valueOf(topic);
  }

  static ConfigDef define(ConfigDef definition) {
    return definition
        .define(TOPICS, Type.STRING, "", Importance.MEDIUM,
            "The topics whose tables the broker maintains (compacts main's small files, makes the Kafka view follow "
                + "compactions, expires main's snapshots, rewrites its manifests, removes orphan files): a Java regular "
                + "expression matching the whole topic name. Empty: none.")
        .define(INTERVAL, Type.LONG, 10 * MINUTE_MS, Range.atLeast(1_000), Importance.LOW,
            "How long the broker waits between two maintenance passes over its tables.")
        .define(RETAIN_LAST, Type.INT, 100, Range.atLeast(1), Importance.LOW,
            "Maintenance keeps at least this many of the newest snapshots of a table's main branch.")
        .define(MAX_SNAPSHOT_AGE, Type.LONG, 10 * MINUTE_MS, Range.atLeast(MINUTE_MS), Importance.LOW,
            "Maintenance keeps every snapshot of main younger than this; older ones beyond the newest kept expire.")
        .define(MAX_MANIFESTS, Type.INT, 100, Range.atLeast(1), Importance.LOW,
            "Maintenance rewrites main's data manifests when its current snapshot has more than this many.")
        .define(ORPHAN_MIN_AGE, Type.LONG, 72 * HOUR_MS, Range.atLeast(HOUR_MS), Importance.LOW,
            "Maintenance removes a file under a table's data location that nothing references only once it is older "
                + "than this.")
        .define(COMPACTION_ENABLED, Type.BOOLEAN, true, Importance.LOW,
            "Whether maintenance compacts main's small data files itself (false: leave it to another engine, whose "
                + "compactions the Kafka view follows all the same).")
        .define(COMPACTION_TARGET_SIZE, Type.LONG, 512 * MIB, Range.atLeast(MIB), Importance.LOW,
            "The size maintenance compacts main's data files to, about, within each table partition and Kafka "
                + "partition.")
        .define(COMPACTION_MIN_AGE, Type.LONG, HOUR_MS, Range.atLeast(0), Importance.LOW,
            "Maintenance compacts only the data files of main committed at least this long ago.")
        .define(COMPACTION_RATE, Type.LONG, 16 * MIB, Range.atLeast(0), Importance.LOW,
            "The bytes of data files maintenance's compaction reads a second, at most, on average, so as to leave the "
                + "broker's cores to its copies. 0: as fast as it can.");
  }

  /** @throws org.apache.kafka.common.config.ConfigException naming {@code maintenance.topics} if its pattern does not compile */
  static MaintenanceConfig of(AbstractConfig config) {
    String topics = config.getString(TOPICS);
    return new MaintenanceConfig(topics, Duration.ofMillis(config.getLong(INTERVAL)),
        new MaintenanceSettings(config.getInt(RETAIN_LAST), Duration.ofMillis(config.getLong(MAX_SNAPSHOT_AGE)),
            config.getInt(MAX_MANIFESTS), Duration.ofMillis(config.getLong(ORPHAN_MIN_AGE)),
            config.getBoolean(COMPACTION_ENABLED)
                ? Optional.of(new Compaction(config.getLong(COMPACTION_TARGET_SIZE),
                    Duration.ofMillis(config.getLong(COMPACTION_MIN_AGE)), config.getLong(COMPACTION_RATE)))
                : Optional.empty()),
        TopicOverrides.matching(TOPICS, topics, true, false));
  }
}
