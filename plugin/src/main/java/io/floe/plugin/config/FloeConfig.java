package io.floe.plugin.config;

import io.floe.plugin.storage.LocalFileIO;
import io.floe.plugin.storage.Warehouse;
import io.floe.plugin.topics.TopicOverrides;
import io.floe.reader.ParkingLimits;
import io.floe.translator.registry.InvalidRegistrySettingException;
import io.floe.translator.registry.RegistrySettings;
import io.floe.writer.TableNames;
import io.floe.writer.TableRetention;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Floe's configuration: the broker's {@code rsm.config.*} properties with the prefix removed.
 * Every key is checked in {@code configure()}, so a wrong value stops the broker at start with a
 * message that names the key. docs/configuration.md documents each one.
 */
public final class FloeConfig extends AbstractConfig {
  public static final String CATALOG_PREFIX = "iceberg.catalog.";
  public static final String CATALOG_NAME = CATALOG_PREFIX + "name";
  public static final String CATALOG_TYPE = CATALOG_PREFIX + "type";
  public static final String CATALOG_IMPL = CATALOG_PREFIX + "catalog-impl";
  public static final String CATALOG_URI = CATALOG_PREFIX + "uri";
  public static final String CATALOG_WAREHOUSE = CATALOG_PREFIX + "warehouse";
  public static final String CATALOG_IO_IMPL = CATALOG_PREFIX + "io-impl";
  public static final String NAMESPACE = "iceberg.namespace";
  public static final String NAMESPACE_OVERRIDES = "iceberg.namespace.overrides";
  public static final String ICEBERG_TOPICS = "iceberg.topics";
  public static final String TABLE_NAME_OVERRIDES = "iceberg.table.overrides";
  public static final String MANIFEST_PREFIX = "manifest.prefix";
  public static final String TARGET_FILE_SIZE = "writer.target.file.size.bytes";
  public static final String ROW_GROUP_SIZE = "writer.row.group.size.bytes";
  public static final String MANIFEST_CACHE_SIZE = "fetch.manifest.cache.bytes";
  public static final String PARKED_FETCHES = "fetch.parked.max.count";
  public static final String PARKED_FETCH_BYTES = "fetch.parked.max.bytes";
  public static final String PARKED_FETCH_IDLE = "fetch.parked.idle.ms";
  public static final String FETCH_READ_AHEAD_BYTES = "fetch.read-ahead.bytes";
  public static final String REGISTRY_PREFIX = "schema.registry.";
  public static final String REGISTRY_URL = REGISTRY_PREFIX + RegistrySettings.URL;
  public static final String RAW_FALLBACK_AFTER = "value.raw.fallback.after.ms";
  public static final String TABLE_RETENTION = "table.retention";
  public static final String TABLE_RETENTION_OVERRIDES = "table.retention.overrides";

  private static final long MIB = 1024 * 1024;
  private static final String S3_FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";
  private static final String GCS_FILE_IO = "org.apache.iceberg.gcp.gcs.GCSFileIO";

  static final ConfigDef DEFINITION = TypingConfig.define(MaintenanceConfig.define(new ConfigDef()))
      .define(CATALOG_WAREHOUSE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
          Importance.HIGH, "Where the tables' data files go: an absolute path or file: URI, s3://bucket/path or gs://bucket/path.")
      .define(CATALOG_NAME, Type.STRING, "floe", new ConfigDef.NonEmptyString(), Importance.LOW,
          "The name Floe gives its Iceberg catalog.")
      .define(CATALOG_TYPE, Type.STRING, "jdbc", new ConfigDef.NonEmptyString(), Importance.HIGH,
          "Iceberg catalog type: jdbc, rest, hive, glue, nessie, hadoop. Ignored when catalog-impl is set.")
      .define(CATALOG_IMPL, Type.STRING, null, Importance.MEDIUM, "A catalog class, instead of a type.")
      .define(CATALOG_URI, Type.PASSWORD, null, Importance.HIGH,
          "The catalog's URI. For jdbc with a local warehouse, defaults to a SQLite file in the warehouse.")
      .define(CATALOG_IO_IMPL, Type.STRING, null, Importance.MEDIUM,
          "The Iceberg FileIO class. Defaults from the warehouse: local files, S3FileIO for s3://, GCSFileIO for gs://.")
      .define(NAMESPACE, Type.STRING, "kafka", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
          "The Iceberg namespace of the topics' tables.")
      .define(NAMESPACE_OVERRIDES, Type.LIST, "", Importance.MEDIUM,
          "Per-topic namespaces, pattern:namespace entries; a topic matching entries that disagree is refused.")
      .define(TABLE_NAME_OVERRIDES, Type.LIST, "", Importance.MEDIUM,
          "Per-topic table names (without namespace), pattern:name entries; a topic matching entries that disagree is refused.")
      .define(ICEBERG_TOPICS, Type.STRING, ".*", Importance.HIGH,
          "The topics that become Iceberg tables: a Java regular expression matching the whole topic name. "
              + "Every other tiered topic is stored as classic segments.")
      .define(MANIFEST_PREFIX, Type.STRING, null, Importance.MEDIUM,
          "Where segment manifests go. Defaults to <warehouse>/_floe/manifests.")
      .define(TARGET_FILE_SIZE, Type.LONG, 128 * MIB, Range.atLeast(MIB), Importance.LOW,
          "Target size of a data file; files roll at a batch boundary past it.")
      .define(ROW_GROUP_SIZE, Type.LONG, 16 * MIB, Range.atLeast(MIB), Importance.LOW,
          "Parquet row-group size: what one open data file buffers, and the most a fetch decodes before its first row.")
      .define(MANIFEST_CACHE_SIZE, Type.LONG, 64 * MIB, Range.atLeast(0), Importance.LOW,
          "Bytes of segment manifests the fetch path keeps in memory.")
      .define(PARKED_FETCHES, Type.INT, 32, Range.atLeast(0), Importance.LOW,
          "How many closed fetches are kept open for a consumer's next fetch to go on from; 0: none.")
      .define(PARKED_FETCH_BYTES, Type.LONG, 128 * MIB, Range.atLeast(0), Importance.LOW,
          "Memory the kept fetches may hold together: their open row groups and last rebuilt batches.")
      .define(PARKED_FETCH_IDLE, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW,
          "How long a kept fetch waits for the next fetch before its files are closed.")
      .define(FETCH_READ_AHEAD_BYTES, Type.LONG, 4 * MIB, Range.atLeast(0), Importance.LOW,
          "Bytes of batches a kept fetch rebuilds ahead, in the background, for the next fetch to serve from memory; 0: none.")
      .define(REGISTRY_URL, Type.STRING, null, Importance.HIGH,
          "Base URL(s) of a Confluent Schema Registry API, comma-separated. Without it, values are kept raw.")
      .define(RAW_FALLBACK_AFTER, Type.LONG, -1L, Range.atLeast(-1), Importance.MEDIUM,
          "How long a segment's uploads may fail for an unreachable registry before its values are kept raw; -1: never.")
      .define(TABLE_RETENTION, Type.STRING, TableRetention.KEEP.label(),
          ConfigDef.ValidString.in(Arrays.stream(TableRetention.values()).map(TableRetention::label).toArray(String[]::new)),
          Importance.MEDIUM, "When Kafka deletes a tiered segment, keep its rows in the table's main branch (keep) or remove them (follow-kafka).")
      .define(TABLE_RETENTION_OVERRIDES, Type.LIST, "", Importance.MEDIUM,
          "Per-topic table retentions, pattern:retention entries; a topic matching entries that disagree is refused.");

  private final TopicOverrides<Boolean> tableTopics;
  private final MaintenanceConfig maintenance;
  private final TypingConfig typing;
  private final TopicOverrides<TableRetention> tableRetentions;
  private final TopicOverrides<String> namespaces;
  private final TopicOverrides<Optional<String>> tableNames;
  private final Optional<RegistrySettings> registry;
  private final Optional<GcsSettings> gcsSettings;

  public FloeConfig(Map<String, ?> originals) {
    super(DEFINITION, originals, false);
    if (getString(CATALOG_IMPL) == null && isJdbc() && getPassword(CATALOG_URI) == null && !isLocalWarehouse()) {
      throw new ConfigException(CATALOG_URI, null,
          "a jdbc catalog needs a URI when the warehouse is not local (" + warehouse() + ")");
    }
    if (getString(CATALOG_IMPL) == null && "rest".equalsIgnoreCase(getString(CATALOG_TYPE))) {
      RestCatalogKeys.check(catalogProperties(), getString(MANIFEST_PREFIX) != null);
    }
    S3TrustStoreKeys.check(catalogProperties());
    tableTopics = TopicOverrides.matching(ICEBERG_TOPICS, getString(ICEBERG_TOPICS), true, false);
    maintenance = MaintenanceConfig.of(this);
    typing = TypingConfig.of(this);
    tableRetentions = TopicOverrides.parse(TABLE_RETENTION_OVERRIDES,
        TableRetention.fromLabel(getString(TABLE_RETENTION)).orElseThrow(), getList(TABLE_RETENTION_OVERRIDES),
        TableRetention::fromLabel, "one of keep, follow-kafka");
    namespaces = TopicOverrides.parse(NAMESPACE_OVERRIDES, getString(NAMESPACE), getList(NAMESPACE_OVERRIDES),
        FloeConfig::namespaceOf, "a namespace: dot-separated, non-empty levels");
    tableNames = TopicOverrides.parse(TABLE_NAME_OVERRIDES, Optional.empty(), getList(TABLE_NAME_OVERRIDES),
        name -> Optional.of(name).filter(n -> !n.isBlank() && !n.contains(".")).map(Optional::of),
        "a table name without '.' (the namespace is iceberg.namespace's)");
    registry = registrySettings();
    gcsSettings = isGcsWarehouse() ? Optional.of(GcsSettings.of(catalogProperties())) : Optional.empty();
  }

  /** For a {@code gs://} warehouse, its checked {@code gcs.*} keys and where its credentials come from. */
  public Optional<GcsSettings> gcsSettings() {
    return gcsSettings;
  }

  /**
   * Whether the topic's segments become rows of its Iceberg table ({@code iceberg.topics}), or are
   * stored as classic segments.
   */
  public boolean isTable(String topic) {
    return tableTopics.valueOf(topic);
  }

  /** The {@code maintenance.*} keys: which topics' tables the broker maintains, how often, and what a pass keeps. */
  public MaintenanceConfig maintenance() {
    return maintenance;
  }

  /**
   * What the topic's table's main branch does when Kafka deletes a segment.
   *
   * @throws io.floe.plugin.topics.AmbiguousTopicSettingException if the topic's overrides disagree
   */
  public TableRetention tableRetention(String topic) {
    return tableRetentions.valueOf(topic);
  }

  /** The keys of how values and keys get columns: each topic's formats and the inference of schemaless JSON. */
  public TypingConfig typing() {
    return typing;
  }

  /**
   * The topic's table: its namespace's override or {@code iceberg.namespace}, and its name's
   * override or the name {@link TableNames} makes of the topic's.
   *
   * @throws io.floe.plugin.topics.AmbiguousTopicSettingException if the topic's overrides disagree
   */
  public TableIdentifier table(String topic) {
    return TableIdentifier.of(Namespace.of(namespaces.valueOf(topic).split("\\.")),
        tableNames.valueOf(topic).orElseGet(() -> TableNames.forTopic(topic)));
  }

  /** The pattern of the topics that become tables, as configured. */
  public String tableTopics() {
    return getString(ICEBERG_TOPICS);
  }

  private static Optional<String> namespaceOf(String text) {
    return Optional.of(text).filter(namespace -> Arrays.stream(namespace.split("\\.", -1)).noneMatch(String::isBlank));
  }

  /** The schema registry's settings, if one is configured. */
  public Optional<RegistrySettings> registry() {
    return registry;
  }

  /** How long the registry may fail a segment's uploads before they go on without it; empty: for ever. */
  public Optional<Duration> rawFallbackAfter() {
    long millis = getLong(RAW_FALLBACK_AFTER);
    return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
  }

  private Optional<RegistrySettings> registrySettings() {
    if (getString(REGISTRY_URL) == null) {
      return Optional.empty();
    }
    Map<String, String> properties = new HashMap<>();
    originalsWithPrefix(REGISTRY_PREFIX).forEach((key, value) -> properties.put(key, value == null ? null : String.valueOf(value)));
    try {
      return Optional.of(RegistrySettings.fromProperties(properties));
    } catch (InvalidRegistrySettingException e) {
      // The value is not shown: it may be a credential.
      throw new ConfigException(REGISTRY_PREFIX + e.key(), "(hidden)", e.getMessage());
    }
  }

  public String warehouse() {
    return getString(CATALOG_WAREHOUSE);
  }

  public String namespace() {
    return getString(NAMESPACE);
  }

  public String catalogName() {
    return getString(CATALOG_NAME);
  }

  public String manifestPrefix() {
    String prefix = getString(MANIFEST_PREFIX);
    return prefix != null ? prefix : trimSlash(warehouse()) + "/_floe/manifests";
  }

  public long targetFileSizeBytes() {
    return getLong(TARGET_FILE_SIZE);
  }

  public long rowGroupSizeBytes() {
    return getLong(ROW_GROUP_SIZE);
  }

  public long manifestCacheBytes() {
    return getLong(MANIFEST_CACHE_SIZE);
  }

  /** How many closed fetches the fetch path keeps for the next ones to go on from, in how much memory, for how long. */
  public ParkingLimits fetchParking() {
    return new ParkingLimits(getInt(PARKED_FETCHES), getLong(PARKED_FETCH_BYTES),
        Duration.ofMillis(getLong(PARKED_FETCH_IDLE)), getLong(FETCH_READ_AHEAD_BYTES));
  }

  /**
   * The warehouse these keys configure: its FileIO now, its catalog when first asked for. The one
   * way Floe opens a warehouse, for the broker's plugin and the {@code floe} tool alike.
   */
  public Warehouse openWarehouse() {
    return new Warehouse(catalogName(), catalogProperties());
  }

  /** The FileIO class: configured, or chosen by the warehouse's scheme. */
  public String fileIoImpl() {
    String configured = getString(CATALOG_IO_IMPL);
    if (configured != null) {
      return configured;
    }
    String warehouse = warehouse().toLowerCase(Locale.ROOT);
    if (warehouse.startsWith("s3://") || warehouse.startsWith("s3a://")) {
      return S3_FILE_IO;
    }
    if (isGcsWarehouse()) {
      return GCS_FILE_IO;
    }
    if (isLocalWarehouse()) {
      return LocalFileIO.class.getName();
    }
    throw new ConfigException(CATALOG_IO_IMPL, null,
        "no default FileIO for warehouse " + warehouse() + ": set " + CATALOG_IO_IMPL);
  }

  /**
   * The properties handed to the Iceberg catalog and FileIO: every {@code iceberg.catalog.*} key
   * without its prefix, with the defaults filled in.
   */
  public Map<String, String> catalogProperties() {
    Map<String, String> properties = new HashMap<>();
    originalsWithPrefix(CATALOG_PREFIX).forEach((key, value) -> properties.put(key, String.valueOf(value)));
    properties.remove("name");
    properties.put("warehouse", warehouse());
    properties.put("io-impl", fileIoImpl());
    if (getString(CATALOG_IMPL) == null) {
      properties.put("type", getString(CATALOG_TYPE));
    }
    if (getPassword(CATALOG_URI) != null) {
      properties.put("uri", getPassword(CATALOG_URI).value());
    } else if (getString(CATALOG_IMPL) == null && isJdbc()) {
      properties.put("uri", "jdbc:sqlite:" + LocalFileIO.pathOf(trimSlash(warehouse()) + "/floe-catalog.db"));
    }
    return S3TrustStoreKeys.withTrustStore(RestCatalogKeys.withTrustStore(properties));
  }

  private boolean isJdbc() {
    return "jdbc".equalsIgnoreCase(getString(CATALOG_TYPE));
  }

  private boolean isGcsWarehouse() {
    return warehouse().toLowerCase(Locale.ROOT).startsWith("gs://");
  }

  private boolean isLocalWarehouse() {
    String warehouse = warehouse();
    return warehouse.startsWith("file:") || warehouse.startsWith("/");
  }

  private static String trimSlash(String location) {
    return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
  }

  /** The configuration documentation, as docs/configuration.md's table is checked against. */
  public static ConfigDef definition() {
    return DEFINITION;
  }

  /** The catalog's and the registry's endpoints this configuration reaches over plain HTTP beyond loopback. */
  public List<PlainHttpEndpoint> plainHttpEndpoints() {
    Map<String, String> values = new HashMap<>();
    for (String prefix : List.of(CATALOG_PREFIX, REGISTRY_PREFIX)) {
      originalsWithPrefix(prefix).forEach((key, value) -> values.put(prefix + key,
          value == null ? null : String.valueOf(value)));
    }
    return PlainHttpEndpoint.in(values);
  }
}
