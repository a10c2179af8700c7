package io.floe.plugin;

import io.floe.plugin.config.FloeConfig;
import io.floe.plugin.config.MaintenanceConfig;
import io.floe.plugin.kafka.Redaction;
import io.floe.plugin.kafka.Segments;
import io.floe.plugin.maintenance.BrokerMaintenance;
import io.floe.plugin.maintenance.MaintenanceLog;
import io.floe.plugin.kafka.StorageExceptions;
import io.floe.plugin.metrics.FetchMetrics;
import io.floe.plugin.metrics.FloeMetrics;
import io.floe.plugin.metrics.TieringMetrics;
import io.floe.plugin.storage.CatalogOpenException;
import io.floe.plugin.storage.S3TlsFailures;
import io.floe.plugin.storage.Warehouse;
import io.floe.plugin.topics.AmbiguousTopicSettingException;
import io.floe.plugin.values.RegistryOutages;
import io.floe.plugin.transactions.PendingTransactionMetrics;
import io.floe.plugin.values.ValueMetrics;
import io.floe.reader.FetchFailedException;
import io.floe.reader.IndexKind;
import io.floe.reader.IndexNotFoundException;
import io.floe.reader.ReplayComparison;
import io.floe.reader.SegmentFetcher;
import io.floe.reader.SegmentNotFoundException;
import io.floe.translator.manifest.ClassicManifest;
import io.floe.translator.manifest.ManifestPaths;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.manifest.StoredManifest;
import io.floe.translator.registry.InvalidRegistrySettingException;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaRegistryClient;
import io.floe.translator.registry.SchemaRegistryException;
import io.floe.writer.SegmentUploader;
import io.floe.writer.UploadReport;
import io.floe.writer.UploadFailedException;
import io.floe.writer.WriterSettings;
import io.floe.writer.classic.ClassicSegments;
import io.floe.writer.maintenance.TableMaintenance;
import io.floe.writer.manifest.ManifestStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.server.log.remote.storage.LogSegmentData;
import org.apache.kafka.server.log.remote.storage.RemoteLogSegmentMetadata;
import org.apache.kafka.server.log.remote.storage.RemoteStorageException;
import org.apache.kafka.server.log.remote.storage.RemoteStorageManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Floe's KIP-405 remote storage manager: tiers each segment into its topic's Iceberg table and
 * serves it back from the same files; a topic outside {@code iceberg.topics} has its segments
 * stored as classic segments, the broker's files as they are. Which kind a segment is, its manifest
 * says: fetches and deletions go by it, so a changed pattern applies to newly tiered segments only.
 * It keeps Kafka's types here, at the edge; the work is done by the writer (upload) and the reader
 * (fetch). Safe for the broker's concurrent copy and read threads.
 */
public final class IcebergRemoteStorageManager implements RemoteStorageManager {
  private static final Logger LOG = LoggerFactory.getLogger(IcebergRemoteStorageManager.class);

  private FloeConfig config;
  private Warehouse warehouse;
  private S3TlsFailures s3Tls;
  private SegmentFetcher fetcher;
  private SegmentUploader uploader;
  private ClassicSegments classic;
  private ManifestStore manifests;
  private Optional<SchemaRegistryClient> registry;
  private RegistryOutages outages;
  private FloeMetrics metrics;
  private TieringMetrics tiering;
  private FetchMetrics fetches;
  private ValueMetrics valueMetrics;
  private PendingTransactionMetrics pendingTransactions;
  private BrokerMaintenance maintenance;

  @Override
  public void configure(Map<String, ?> configs) {
    config = new FloeConfig(configs);
    try {
      registry = config.registry().map(SchemaRegistryClient::new);
    } catch (InvalidRegistrySettingException e) {
      throw new ConfigException(FloeConfig.REGISTRY_PREFIX + e.key(), "(hidden)", e.getMessage());
    }
    outages = new RegistryOutages(config.rawFallbackAfter(), Clock.systemUTC());
    warehouse = config.openWarehouse();
    s3Tls = S3TlsFailures.of(config.catalogProperties());
    fetcher = new SegmentFetcher(warehouse.io(), config.manifestPrefix(), config.manifestCacheBytes(),
        config.fetchParking());
    classic = new ClassicSegments(warehouse.io(), config.manifestPrefix());
    manifests = new ManifestStore(warehouse.io(), config.manifestPrefix());
    metrics = new FloeMetrics(String.valueOf(configs.get("broker.id")));
    tiering = new TieringMetrics(metrics);
    fetches = new FetchMetrics(metrics);
    valueMetrics = new ValueMetrics(metrics);
    pendingTransactions = new PendingTransactionMetrics(metrics);
    LOG.info("Floe tiers topics matching {} into Iceberg tables of namespace {} in warehouse {}, other topics as "
            + "classic segments, {}; JSON objects without registry framing typed with inferred columns on topics "
            + "matching {}", config.tableTopics(), config.namespace(), config.warehouse(),
        config.registry().map(r -> "values typed with schemas of registry " + r.describeUrls())
            .orElse("registry-framed values kept raw (no schema registry)"), config.typing().inferredTopicsPattern());
    config.plainHttpEndpoints().forEach(endpoint -> LOG.warn(endpoint.warning()));
    config.gcsSettings().ifPresent(gcs -> {
      LOG.info("Floe signs in to Cloud Storage with {}", gcs.credentials());
      gcs.warning().ifPresent(LOG::warn);
    });
    checkCatalogInBackground();
    startMaintenance(String.valueOf(configs.get("broker.id")));
  }

  /** Maintains the tables of the topics {@code maintenance.topics} matches, if it matches any, off the copy path. */
  private void startMaintenance(String brokerId) {
    MaintenanceConfig keys = config.maintenance();
    if (keys.topics().isEmpty()) {
      return;
    }
    maintenance = new BrokerMaintenance(this::existingUploader, keys::maintains,
        new TableMaintenance(keys.settings(), "broker " + brokerId, Clock.systemUTC(), manifests,
            new ReplayComparison(warehouse.io())::difference), MaintenanceLog::log);
    maintenance.start(keys.interval());
    LOG.info("Floe maintains the tables of topics matching {} this broker tiers, every {}", keys.topics(),
        keys.interval());
  }

  /**
   * Opens the catalog off the broker's start, so that a catalog that is down or refuses Floe's
   * credentials is a warning at start, not a failure: fetches need no catalog, and uploads retry.
   */
  private void checkCatalogInBackground() {
    Thread check = new Thread(() -> {
      try {
        warehouse.catalog();
      } catch (RuntimeException e) {
        if (warehouse.closed()) {
          return;
        }
        LOG.warn("{}. Floe serves tiered data meanwhile; uploads open the catalog again when they retry.",
            Redaction.redact(describe(e)));
      }
    }, "floe-catalog-check");
    check.setDaemon(true);
    check.start();
  }

  @Override
  public Optional<RemoteLogSegmentMetadata.CustomMetadata> copyLogSegmentData(
      RemoteLogSegmentMetadata metadata, LogSegmentData data) throws RemoteStorageException {
    long start = System.nanoTime();
    SegmentRef segment = Segments.ref(metadata);
    if (config.isTable(segment.topic())) {
      copyToTable(metadata, data, segment);
    } else {
      copyClassic(metadata, data, segment);
    }
    tiering.copied(segment.topic(), start, metadata.segmentSizeInBytes(),
        metadata.endOffset() - metadata.startOffset() + 1);
    return Optional.empty();
  }

  private void copyToTable(RemoteLogSegmentMetadata metadata, LogSegmentData data, SegmentRef segment)
      throws RemoteStorageException {
    boolean withoutRegistry = outages.outlasted(segment);
    try {
      Optional<IntFunction<RegisteredSchema>> schemas = registry.map(client -> client::schemaById);
      UploadReport report = uploader().upload(Segments.upload(metadata, data,
          config.typing().values(segment.topic(), schemas, withoutRegistry),
          config.typing().keys(segment.topic(), schemas, withoutRegistry)), config.table(segment.topic()));
      outages.ended(segment);
      valueMetrics.record(segment.topic(), report.values());
      pendingTransactions.record(segment.topic(), segment.partition(), report);
      LOG.info("Uploaded {} to table {}: {}{}{}", segment, report.manifest().tableName(), report.values(),
          report.pendingRows() > 0 ? "; " + report.pendingRows() + " rows of the partition wait for their "
              + "transaction's outcome" : "",
          withoutRegistry ? " (without the schema registry, unreachable for too long)" : "");
    } catch (AmbiguousTopicSettingException e) {
      throw copyFailed(segment, false, "Cannot upload " + segment + ": " + e.getMessage(), e);
    } catch (CatalogOpenException e) {
      throw copyFailed(segment, e.retriable(), "Cannot upload " + segment + ": " + e.getMessage(), e);
    } catch (UploadFailedException e) {
      if (causedBy(e, SchemaRegistryException.class)) {
        outages.failed(segment);
      }
      throw copyFailed(segment, e.retriable(), e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw copyFailed(segment, true, "Cannot upload " + segment + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw copyFailed(segment, true, "Cannot upload " + segment + ": " + describe(e), e);
    }
  }

  /** Stores the segment as the broker's files, with neither the catalog nor any conversion. */
  private void copyClassic(RemoteLogSegmentMetadata metadata, LogSegmentData data, SegmentRef segment)
      throws RemoteStorageException {
    try {
      classic.copy(Segments.classic(metadata, data));
      LOG.info("Uploaded {} as a classic segment: its topic does not match {}={}", segment, FloeConfig.ICEBERG_TOPICS,
          config.tableTopics());
    } catch (RuntimeException e) {
      throw copyFailed(segment, true, "Cannot upload " + segment + " as a classic segment: " + describe(e), e);
    }
  }

  /**
   * The exception for a failed copy, counted by kind here: on brokers before 4.2 a retriable
   * failure is a plain {@link RemoteStorageException}, so the exception cannot tell it afterwards.
   */
  private RemoteStorageException copyFailed(SegmentRef segment, boolean retriable, String message, Throwable cause) {
    tiering.copyFailed(segment.topic(), retriable);
    String explained = s3Tls.explained(message, cause);
    if (retriable) {
      // The broker logs a retriable failure at INFO without its cause, and copies the segment again later.
      LOG.warn("{}; the broker copies the segment again", explained);
    }
    return retriable ? StorageExceptions.retriable(explained, cause) : StorageExceptions.fatal(explained, cause);
  }

  @Override
  public InputStream fetchLogSegment(RemoteLogSegmentMetadata metadata, int startPosition)
      throws RemoteStorageException {
    return fetchLogSegment(metadata, startPosition, Integer.MAX_VALUE);
  }

  @Override
  public InputStream fetchLogSegment(RemoteLogSegmentMetadata metadata, int startPosition, int endPosition)
      throws RemoteStorageException {
    long start = System.nanoTime();
    SegmentRef segment = Segments.ref(metadata);
    try {
      return fetches.opened(segment.topic(), start, fetcher.fetch(segment, startPosition, endPosition));
    } catch (SegmentNotFoundException e) {
      fetches.failed(segment.topic(), "not-found");
      throw StorageExceptions.notFound(e.getMessage(), e);
    } catch (FetchFailedException | UncheckedIOException e) {
      fetches.failed(segment.topic(), "retriable");
      throw StorageExceptions.retriable(s3Tls.explained(e.getMessage(), e), e);
    }
  }

  @Override
  public InputStream fetchIndex(RemoteLogSegmentMetadata metadata, IndexType indexType) throws RemoteStorageException {
    SegmentRef segment = Segments.ref(metadata);
    try {
      InputStream index = fetcher.index(segment, IndexKind.valueOf(indexType.name()));
      fetches.indexFetched(segment.topic(), indexType);
      return index;
    } catch (SegmentNotFoundException | IndexNotFoundException e) {
      throw StorageExceptions.notFound(e.getMessage(), e);
    } catch (FetchFailedException | UncheckedIOException e) {
      throw StorageExceptions.retriable(s3Tls.explained(e.getMessage(), e), e);
    }
  }

  /**
   * Deletes the segment as its manifest's kind says. An Iceberg segment leaves the Kafka view (its
   * manifest, and its files from the table's Floe branch); the table's {@code main} keeps its rows
   * for analysts unless the topic's {@code table.retention} follows Kafka. A classic segment's
   * objects are deleted, without the catalog. Idempotent: a segment without a manifest is gone.
   */
  @Override
  public void deleteLogSegmentData(RemoteLogSegmentMetadata metadata) throws RemoteStorageException {
    SegmentRef segment = Segments.ref(metadata);
    delete(segment);
    tiering.deleted(segment.topic());
  }

  private void delete(SegmentRef segment) throws RemoteStorageException {
    Optional<StoredManifest> manifest;
    try {
      manifest = manifests.read(segment);
    } catch (RuntimeException e) {
      throw deleteFailed(segment, true, "Cannot delete " + segment + ": " + describe(e), e);
    }
    if (manifest.isEmpty()) {
      return;
    }
    if (manifest.get() instanceof ClassicManifest classicSegment) {
      try {
        classic.delete(classicSegment);
      } catch (RuntimeException e) {
        throw deleteFailed(segment, true, "Cannot delete classic " + segment + ": " + describe(e), e);
      }
      return;
    }
    try {
      uploader().delete((SegmentManifest) manifest.get(), config.tableRetention(segment.topic()));
    } catch (AmbiguousTopicSettingException e) {
      throw deleteFailed(segment, false, "Cannot delete " + segment + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw deleteFailed(segment, true, "Cannot delete " + segment + " at "
          + ManifestPaths.of(config.manifestPrefix(), segment) + " and in " + warehouse.catalogDescription() + ": "
          + describe(e), e);
    }
  }

  /** The exception for a failed deletion, counted by kind here, as {@link #copyFailed} does. */
  private RemoteStorageException deleteFailed(SegmentRef segment, boolean retriable, String message, Throwable cause) {
    tiering.deleteFailed(segment.topic(), retriable);
    String explained = s3Tls.explained(message, cause);
    return retriable ? StorageExceptions.retriable(explained, cause) : StorageExceptions.fatal(explained, cause);
  }

  private synchronized SegmentUploader uploader() {
    if (uploader == null) {
      uploader = new SegmentUploader(warehouse.catalog(), warehouse.catalogDescription(), warehouse.io(),
          new WriterSettings(config.namespace(), config.manifestPrefix(), config.targetFileSizeBytes(),
              config.rowGroupSizeBytes()), tiering::commitAttempted);
    }
    return uploader;
  }

  /** The uploader if an upload or deletion made it: maintenance never opens the catalog for a broker that tiers nothing. */
  private synchronized Optional<SegmentUploader> existingUploader() {
    return Optional.ofNullable(uploader);
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> kind) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (kind.isInstance(e)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  @Override
  public void close() throws IOException {
    if (maintenance != null) {
      maintenance.close();
    }
    if (fetcher != null) {
      fetcher.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    if (warehouse != null) {
      warehouse.close();
    }
  }
}
