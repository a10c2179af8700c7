package io.floe.plugin.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.plugin.storage.LocalFileIO;
import io.floe.reader.ParkingLimits;
import io.floe.translator.value.inference.JsonInference;
import io.floe.writer.maintenance.MaintenanceSettings;
import io.floe.writer.maintenance.MaintenanceSettings.Compaction;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** A wrong configuration fails at broker start with a message naming the key. */
class FloeConfigTest {
  @Test
  void aLocalWarehouseAloneGivesTheEmbeddedDefault() {
    FloeConfig config = new FloeConfig(Map.of("iceberg.catalog.warehouse", "file:///var/lib/floe/warehouse"));

    Map<String, String> catalog = config.catalogProperties();
    assertEquals("jdbc", catalog.get("type"));
    assertEquals("jdbc:sqlite:/var/lib/floe/warehouse/floe-catalog.db", catalog.get("uri"));
    assertEquals(LocalFileIO.class.getName(), catalog.get("io-impl"));
    assertEquals("kafka", config.namespace());
    assertEquals("file:///var/lib/floe/warehouse/_floe/manifests", config.manifestPrefix());
  }

  @Test
  void anS3WarehouseUsesS3FileIoAndPassesCatalogKeysThrough() {
    FloeConfig config = new FloeConfig(Map.of(
        "iceberg.catalog.warehouse", "s3://bucket/warehouse/",
        "iceberg.catalog.type", "rest",
        "iceberg.catalog.uri", "http://catalog:8181",
        "iceberg.catalog.s3.endpoint", "http://127.0.0.1:9000",
        "broker.id", 1));

    Map<String, String> catalog = config.catalogProperties();
    assertEquals("org.apache.iceberg.aws.s3.S3FileIO", catalog.get("io-impl"));
    assertEquals("http://127.0.0.1:9000", catalog.get("s3.endpoint"));
    assertEquals("rest", catalog.get("type"));
    assertEquals("s3://bucket/warehouse/_floe/manifests", config.manifestPrefix());
  }

  @Test
  void theWarehouseIsRequired() {
    ConfigException error = assertThrows(ConfigException.class, () -> new FloeConfig(Map.of()));
    assertTrue(error.getMessage().contains("iceberg.catalog.warehouse"), error.getMessage());
  }

  @Test
  void aNumberThatIsNotOneNamesItsKey() {
    ConfigException error = assertThrows(ConfigException.class, () -> new FloeConfig(Map.of(
        "iceberg.catalog.warehouse", "/w", "writer.target.file.size.bytes", "lots")));
    assertTrue(error.getMessage().contains("writer.target.file.size.bytes"), error.getMessage());
  }

  @Test
  void aRowGroupBelowOneMebibyteIsRefused() {
    ConfigException error = assertThrows(ConfigException.class, () -> new FloeConfig(Map.of(
        "iceberg.catalog.warehouse", "/w", "writer.row.group.size.bytes", "1000")));
    assertTrue(error.getMessage().contains("writer.row.group.size.bytes"), error.getMessage());
  }

  @Test
  void fetchesAreParkedWithinDefaultBoundsUnlessConfigured() {
    assertEquals(new ParkingLimits(32, 128L << 20, Duration.ofSeconds(30), 4L << 20),
        new FloeConfig(Map.of("iceberg.catalog.warehouse", "/w")).fetchParking());
    assertEquals(ParkingLimits.NONE, new FloeConfig(Map.of("iceberg.catalog.warehouse", "/w",
        "fetch.parked.max.count", "0", "fetch.parked.max.bytes", "0", "fetch.parked.idle.ms", "0",
        "fetch.read-ahead.bytes", "0")).fetchParking());
  }

  @Test
  void aNegativeParkingBoundIsRefusedNamingItsKey() {
    for (String key : new String[] {"fetch.parked.max.count", "fetch.parked.max.bytes", "fetch.parked.idle.ms",
        "fetch.read-ahead.bytes"}) {
      ConfigException error = assertThrows(ConfigException.class, () -> new FloeConfig(Map.of(
          "iceberg.catalog.warehouse", "/w", key, "-1")));
      assertTrue(error.getMessage().contains(key), error.getMessage());
    }
  }

  @Test
  void everyTopicInfersItsSchemalessJsonWithDefaultCapsUnlessConfigured() {
    FloeConfig config = new FloeConfig(Map.of("iceberg.catalog.warehouse", "/w", "value.json.infer.topics", "clicks-.*",
        "value.json.infer.max.fields", "20", "value.json.infer.max.depth", "3"));

    assertEquals(Optional.of(JsonInference.DEFAULT),
        new FloeConfig(Map.of("iceberg.catalog.warehouse", "/w")).typing().jsonInference("anything"));
    assertEquals(Optional.of(new JsonInference(20, 3)), config.typing().jsonInference("clicks-eu"));
    assertEquals(Optional.empty(), config.typing().jsonInference("orders"));
  }

  @Test
  void aBadJsonInferenceSettingIsRefusedNamingItsKey() {
    Map<String, String> bad = Map.of("value.json.infer.topics", "clicks-(", "value.json.infer.max.fields", "-1",
        "value.json.infer.max.depth", "0");
    bad.forEach((key, value) -> {
      ConfigException error = assertThrows(ConfigException.class, () -> new FloeConfig(Map.of(
          "iceberg.catalog.warehouse", "/w", key, value)));
      assertTrue(error.getMessage().contains(key), error.getMessage());
    });
  }

  @Test
  void aJdbcCatalogOnARemoteWarehouseNeedsItsUri() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> new FloeConfig(Map.of("iceberg.catalog.warehouse", "s3://bucket/w")));
    assertTrue(error.getMessage().contains("iceberg.catalog.uri"), error.getMessage());
  }

  @Test
  void aWarehouseWithoutADefaultFileIoNamesTheKeyToSet() {
    ConfigException error = assertThrows(ConfigException.class, () -> new FloeConfig(Map.of(
        "iceberg.catalog.warehouse", "abfs://container/w", "iceberg.catalog.type", "rest",
        "iceberg.catalog.uri", "http://catalog")).fileIoImpl());
    assertTrue(error.getMessage().contains("iceberg.catalog.io-impl"), error.getMessage());
  }

  @Test
  void theCatalogUriNeverAppearsInTheConfigsOwnDescription() {
    FloeConfig config = new FloeConfig(Map.of("iceberg.catalog.warehouse", "/w",
        "iceberg.catalog.uri", "jdbc:postgresql://db/floe?password=hunter2"));

    assertFalse(config.toString().contains("hunter2"));
    assertFalse(String.valueOf(config.values()).contains("hunter2"));
  }

  @Test
  void aGcsWarehouseUsesGcsFileIoAndPassesItsKeysThrough() {
    FloeConfig config = new FloeConfig(Map.of(
        "iceberg.catalog.warehouse", "gs://bucket/warehouse",
        "iceberg.catalog.type", "rest",
        "iceberg.catalog.uri", "https://biglake.googleapis.com/iceberg/v1/restcatalog",
        "iceberg.catalog.gcs.project-id", "analytics-prod"));

    Map<String, String> catalog = config.catalogProperties();
    assertEquals("org.apache.iceberg.gcp.gcs.GCSFileIO", catalog.get("io-impl"));
    assertEquals("analytics-prod", catalog.get("gcs.project-id"));
    assertEquals("gs://bucket/warehouse/_floe/manifests", config.manifestPrefix());
  }

  @Test
  void aGcsWarehouseWithoutCredentialKeysSignsInWithApplicationDefaultCredentialsAndSaysWhichKeysWouldSetOthers() {
    GcsSettings settings = gcs(Map.of()).gcsSettings().orElseThrow();

    assertEquals(GcsSettings.Source.APPLICATION_DEFAULT, settings.credentials());
    String described = settings.credentials().toString();
    assertTrue(described.contains("GOOGLE_APPLICATION_CREDENTIALS"), described);
    for (String key : new String[] {"iceberg.catalog.gcs.oauth2.token", "iceberg.catalog.gcs.no-auth",
        "iceberg.catalog.gcp.impersonate.service-account"}) {
      assertTrue(described.contains(key), described);
    }
    assertEquals(Optional.empty(), settings.warning());
  }

  @Test
  void aTokenThatIsNeverRefreshedIsWarnedAboutNamingTheKeyThatWouldRefreshIt() {
    GcsSettings settings = gcs(Map.of("iceberg.catalog.gcs.oauth2.token", "ya29.secret",
        "iceberg.catalog.gcs.oauth2.token-expires-at", "1767225600000")).gcsSettings().orElseThrow();

    assertEquals(GcsSettings.Source.OAUTH2_TOKEN, settings.credentials());
    String warning = settings.warning().orElseThrow();
    assertTrue(warning.contains("iceberg.catalog.gcs.oauth2.refresh-credentials-endpoint"), warning);
    assertFalse(warning.contains("ya29.secret"), warning);
  }

  @Test
  void aTokenTheCatalogRefreshesIsNotWarnedAbout() {
    GcsSettings settings = gcs(Map.of("iceberg.catalog.gcs.oauth2.token", "ya29.secret",
        "iceberg.catalog.gcs.oauth2.refresh-credentials-endpoint", "v1/oauth/tokens")).gcsSettings().orElseThrow();

    assertEquals(Optional.empty(), settings.warning());
  }

  @Test
  void aTokenAndNoAuthTogetherAreRefusedNamingTheKeyWithoutShowingTheToken() {
    ConfigException error = assertThrows(ConfigException.class, () -> gcs(Map.of(
        "iceberg.catalog.gcs.oauth2.token", "ya29.secret", "iceberg.catalog.gcs.no-auth", "true")));

    assertTrue(error.getMessage().contains("iceberg.catalog.gcs.no-auth"), error.getMessage());
    assertFalse(error.getMessage().contains("ya29.secret"), error.getMessage());
  }

  @Test
  void aTokenExpiryWithoutATokenIsRefusedNamingTheKey() {
    ConfigException error = assertThrows(ConfigException.class, () -> gcs(Map.of(
        "iceberg.catalog.gcs.oauth2.token-expires-at", "1767225600000")));

    assertTrue(error.getMessage().contains("iceberg.catalog.gcs.oauth2.token-expires-at"), error.getMessage());
  }

  @Test
  void aGcsValueGcsFileIoWouldMisreadIsRefusedNamingTheKey() {
    for (Map<String, String> wrong : List.of(
        Map.of("iceberg.catalog.gcs.channel.write.chunk-size-bytes", "16MiB"),
        Map.of("iceberg.catalog.gcs.delete.batch-size", "many"),
        Map.of("iceberg.catalog.gcs.no-auth", "yes"),
        Map.of("iceberg.catalog.gcs.oauth2.token", "ya29.secret", "iceberg.catalog.gcs.oauth2.token-expires-at",
            "2026-12-31"))) {
      String key = wrong.keySet().stream().filter(k -> !k.endsWith(".token")).findFirst().orElseThrow();
      ConfigException error = assertThrows(ConfigException.class, () -> gcs(wrong));
      assertTrue(error.getMessage().contains(key), error.getMessage());
    }
  }

  @Test
  void readingThroughGcsAnalyticsCoreIsRefusedNamingTheKey() {
    ConfigException error = assertThrows(ConfigException.class, () -> gcs(Map.of(
        "iceberg.catalog.gcs.analytics-core.enabled", "true")));

    assertTrue(error.getMessage().contains("iceberg.catalog.gcs.analytics-core.enabled"), error.getMessage());
  }

  @Test
  void onlyAGcsWarehouseHasGcsSettings() {
    assertEquals(Optional.empty(), new FloeConfig(Map.of("iceberg.catalog.warehouse", "/w")).gcsSettings());
  }

  private static FloeConfig gcs(Map<String, String> keys) {
    Map<String, String> configs = new HashMap<>(keys);
    configs.put("iceberg.catalog.warehouse", "gs://bucket/warehouse");
    configs.put("iceberg.catalog.uri", "jdbc:postgresql://db/floe");
    return new FloeConfig(configs);
  }

  @Test
  void endpointsReachedOverPlainHttpBeyondThisMachineAreFoundWithoutTheirCredentials() {
    FloeConfig config = new FloeConfig(Map.of("iceberg.catalog.warehouse", "s3://bucket/warehouse",
        "iceberg.catalog.uri", "jdbc:postgresql://db/floe", "iceberg.catalog.s3.endpoint", "http://minio.internal:9000",
        "iceberg.catalog.s3.secret-access-key", "http-looking-secret",
        "iceberg.catalog.oauth2-server-uri", "http://fred:hunter2@auth.internal/token?token=x",
        "schema.registry.url", "https://registry.example, http://registry.internal:8081/path"));

    List<PlainHttpEndpoint> endpoints = config.plainHttpEndpoints();

    assertEquals(List.of(new PlainHttpEndpoint("iceberg.catalog.oauth2-server-uri", "http://auth.internal"),
        new PlainHttpEndpoint("iceberg.catalog.s3.endpoint", "http://minio.internal:9000"),
        new PlainHttpEndpoint("schema.registry.url", "http://registry.internal:8081")), endpoints);
    endpoints.forEach(endpoint -> assertFalse(endpoint.warning().matches(".*(hunter2|fred|token|secret).*"),
        endpoint.warning()));
  }

  @Test
  void plainHttpToLoopbackIsNotAnExposure() {
    FloeConfig config = new FloeConfig(Map.of("iceberg.catalog.warehouse", "s3://bucket/warehouse",
        "iceberg.catalog.s3.endpoint", "http://127.0.0.1:9000", "iceberg.catalog.uri", "http://localhost:8181",
        "schema.registry.url", "http://[::1]:8081"));

    assertEquals(List.of(), config.plainHttpEndpoints());
  }

  @Test
  void noTopicIsMaintainedUnlessConfigured() {
    FloeConfig config = new FloeConfig(Map.of("iceberg.catalog.warehouse", "/w"));

    assertFalse(config.maintenance().maintains("orders"));
    assertEquals(new MaintenanceSettings(100, Duration.ofMinutes(10), 100, Duration.ofDays(3),
        Optional.of(new Compaction(512L << 20, Duration.ofHours(1), 16L << 20))),
        config.maintenance().settings());
    assertEquals(Duration.ofMinutes(10), config.maintenance().interval());
  }

  @Test
  void maintenanceFollowsItsTopicPatternAndKeys() {
    FloeConfig config = new FloeConfig(Map.of("iceberg.catalog.warehouse", "/w",
        "maintenance.topics", "orders|payments-.*", "maintenance.interval.ms", "60000",
        "maintenance.snapshots.retain-last", "5", "maintenance.snapshots.max-age.ms", "120000",
        "maintenance.manifests.max-count", "8", "maintenance.orphans.min-age.ms", "7200000",
        "maintenance.compaction.target-file-size-bytes", "134217728", "maintenance.compaction.min-age.ms", "0",
        "maintenance.compaction.max-bytes-per-second", "0"));

    assertTrue(config.maintenance().maintains("orders"));
    assertTrue(config.maintenance().maintains("payments-eu"));
    assertFalse(config.maintenance().maintains("orders-v2"));
    assertEquals(new MaintenanceSettings(5, Duration.ofMinutes(2), 8, Duration.ofHours(2),
        Optional.of(new Compaction(128L << 20, Duration.ZERO, 0))),
        config.maintenance().settings());
    assertEquals(Duration.ofMinutes(1), config.maintenance().interval());
  }

  @Test
  void compactionCanBeLeftToAnotherEngine() {
    FloeConfig config = new FloeConfig(Map.of("iceberg.catalog.warehouse", "/w",
        "maintenance.compaction.enabled", "false"));

    assertEquals(Optional.empty(), config.maintenance().settings().compaction());
  }

  @Test
  void aMaintenancePatternThatDoesNotCompileNamesItsKey() {
    ConfigException error = assertThrows(ConfigException.class, () -> new FloeConfig(Map.of(
        "iceberg.catalog.warehouse", "/w", "maintenance.topics", "orders[")));
    assertTrue(error.getMessage().contains("maintenance.topics"), error.getMessage());
  }

  @Test
  void anOrphanAgeShorterThanAnHourIsRefusedNamingItsKey() {
    ConfigException error = assertThrows(ConfigException.class, () -> new FloeConfig(Map.of(
        "iceberg.catalog.warehouse", "/w", "maintenance.orphans.min-age.ms", "60000")));
    assertTrue(error.getMessage().contains("maintenance.orphans.min-age.ms"), error.getMessage());
  }

  @Test
  void keepingNoSnapshotOfMainIsRefusedNamingItsKey() {
    ConfigException error = assertThrows(ConfigException.class, () -> new FloeConfig(Map.of(
        "iceberg.catalog.warehouse", "/w", "maintenance.snapshots.retain-last", "0")));
    assertTrue(error.getMessage().contains("maintenance.snapshots.retain-last"), error.getMessage());
  }
}
