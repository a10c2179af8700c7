package io.floe.plugin.tool;

import io.floe.plugin.config.FloeConfig;
import io.floe.plugin.kafka.Redaction;
import io.floe.plugin.storage.CatalogOpenException;
import io.floe.plugin.storage.Warehouse;
import io.floe.plugin.topics.AmbiguousTopicSettingException;
import io.floe.translator.manifest.CorruptManifestException;
import io.floe.translator.manifest.ManifestCodec;
import io.floe.translator.manifest.ManifestPaths;
import io.floe.translator.manifest.MissingBucket;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.table.KafkaTableLayout;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.apache.kafka.common.config.ConfigException;

/**
 * What every command of the tool works on: the broker's configuration checked as the broker checks
 * it ({@link FloeConfig}), and the warehouse it configures, opened the one way Floe opens it
 * ({@link FloeConfig#openWarehouse()}): its FileIO for manifests and data files, its catalog for tables.
 */
final class ToolContext implements Closeable {
  private static final String SQLITE = "jdbc:sqlite:";
  private final FloeConfig config;
  private final Warehouse warehouse;

  private ToolContext(FloeConfig config, Warehouse warehouse) {
    this.config = config;
    this.warehouse = warehouse;
  }

  /** @throws ToolException (bad input) when the file is unreadable or a key is wrong, naming it */
  static ToolContext open(Path configFile) {
    BrokerProperties properties = BrokerProperties.read(configFile);
    FloeConfig config;
    try {
      config = new FloeConfig(properties.floeKeys());
    } catch (ConfigException e) {
      throw ToolException.badInput("Cannot use configuration " + configFile + ": " + Redaction.redact(e.getMessage())
          + " (keys are read with prefix " + properties.prefix() + ")", e);
    }
    try {
      return new ToolContext(config, config.openWarehouse());
    } catch (ConfigException | IllegalArgumentException e) {
      throw ToolException.badInput("Cannot use configuration " + configFile + ": " + Redaction.redact(e.getMessage()), e);
    } catch (RuntimeException e) {
      throw ToolException.badInput("Cannot open the FileIO of configuration " + configFile + " ("
          + properties.prefix() + FloeConfig.CATALOG_IO_IMPL + "): " + Redaction.redact(String.valueOf(e.getMessage())), e);
    }
  }

  FloeConfig config() {
    return config;
  }

  FileIO io() {
    return warehouse.io();
  }

  String manifestPrefix() {
    return config.manifestPrefix();
  }

  /** The catalog as messages name it, without credentials. */
  String catalogDescription() {
    return warehouse.catalogDescription();
  }

  /**
   * The identifier of a topic's table, as uploads name it: in the namespace and with the name the
   * topic's overrides give, if they do.
   *
   * @throws ToolException (bad input) if overrides the topic matches disagree
   */
  TableIdentifier tableOf(String topic) {
    try {
      return config.table(topic);
    } catch (AmbiguousTopicSettingException e) {
      throw ToolException.badInput("Cannot find the table of topic " + topic + ": " + e.getMessage());
    }
  }

  /** The table, if the catalog has it. @throws ToolException (failure) if the catalog cannot be opened */
  Optional<Table> loadTable(TableIdentifier identifier) {
    try {
      return Optional.of(catalog().loadTable(identifier));
    } catch (NoSuchTableException | NoSuchNamespaceException e) {
      return Optional.empty();
    }
  }

  /** The tables of the configured namespace that Floe made or adopted for a topic (property {@code floe.topic}). */
  Map<TableIdentifier, Table> floeTables() {
    Catalog catalog = catalog();
    Map<TableIdentifier, Table> tables = new LinkedHashMap<>();
    try {
      for (TableIdentifier identifier : catalog.listTables(namespace())) {
        loadTable(identifier).filter(table -> table.properties().containsKey(KafkaTableLayout.TOPIC_PROPERTY))
            .ifPresent(table -> tables.put(identifier, table));
      }
    } catch (NoSuchNamespaceException e) {
      // no topic tiered yet
    }
    return tables;
  }

  private Namespace namespace() {
    return Namespace.of(config.namespace().split("\\."));
  }

  private Catalog catalog() {
    refuseMissingSqliteFile();
    try {
      return warehouse.catalog();
    } catch (CatalogOpenException e) {
      throw ToolException.failed(Redaction.redact(e.getMessage()), e);
    }
  }

  /**
   * The tools only read: a SQLite catalog file that is not there is a wrong path, not a catalog to
   * make (opening it would create an empty one).
   */
  private void refuseMissingSqliteFile() {
    String uri = config.catalogProperties().getOrDefault("uri", "");
    if (uri.startsWith(SQLITE)) {
      String file = uri.substring(SQLITE.length());
      int parameters = file.indexOf('?');
      Path path = Path.of(parameters < 0 ? file : file.substring(0, parameters));
      if (!Files.isRegularFile(path)) {
        throw ToolException.badInput("Cannot open " + catalogDescription() + ": " + path + " does not exist (check "
            + FloeConfig.CATALOG_WAREHOUSE + " and " + FloeConfig.CATALOG_URI + ")");
      }
    }
  }

  /**
   * The files under a location prefix: every object store's FileIO lists them, and Floe's local one.
   *
   * @throws ToolException (failure) when the FileIO cannot list
   */
  List<FileInfo> list(String prefix) {
    if (!(io() instanceof SupportsPrefixOperations listing)) {
      throw ToolException.failed("Cannot list " + prefix + ": the FileIO " + io().getClass().getName()
          + " cannot list files by prefix", null);
    }
    List<FileInfo> files = new ArrayList<>();
    try {
      listing.listPrefix(prefix).forEach(files::add);
    } catch (RuntimeException e) {
      throw ToolException.failed("Cannot list " + prefix + ": " + Redaction.redact(String.valueOf(e.getMessage())), e);
    }
    return files;
  }

  /** The manifests under the prefix, of one topic or (topic empty) of every topic, by topic, partition and location. */
  List<ManifestFile> manifests(Optional<String> topic) {
    String listed = topic.map(t -> ManifestPaths.topicPrefix(manifestPrefix(), t)).orElse(manifestPrefix());
    List<ManifestFile> manifests = new ArrayList<>();
    for (FileInfo file : list(listed)) {
      ManifestPaths.parse(manifestPrefix(), file.location())
          .filter(segment -> topic.isEmpty() || topic.get().equals(segment.topic()))
          .ifPresent(segment -> manifests.add(new ManifestFile(file.location(), segment)));
    }
    manifests.sort(Comparator.comparing((ManifestFile m) -> m.segment().topic())
        .thenComparingInt(m -> m.segment().partition()).thenComparing(ManifestFile::location));
    return manifests;
  }

  /**
   * Reads a manifest.
   *
   * @throws ToolException (bad input) when there is none there; (failure) when it cannot be read or is damaged
   */
  SegmentManifest readManifest(String location) {
    try (InputStream in = io().newInputFile(location).newStream()) {
      return ManifestCodec.decode(in.readAllBytes());
    } catch (NotFoundException e) {
      if (MissingBucket.isCauseOf(e)) {
        throw ToolException.failed("Cannot read manifest " + location + ": its bucket does not exist", e);
      }
      throw ToolException.badInput("Cannot read manifest " + location + ": no such file");
    } catch (CorruptManifestException e) {
      throw ToolException.failed("Cannot read manifest " + location + ": " + e.getMessage(), e);
    } catch (IOException | UncheckedIOException e) {
      throw ToolException.failed("Cannot read manifest " + location + ": " + Redaction.redact(e.getMessage()), e);
    }
  }

  @Override
  public void close() throws IOException {
    warehouse.close();
  }

  /** A manifest's location and the segment its path names (offsets unknown until it is read). */
  record ManifestFile(String location, SegmentRef segment) {}
}
