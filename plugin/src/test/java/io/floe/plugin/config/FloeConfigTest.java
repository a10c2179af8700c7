package io.floe.plugin.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.plugin.storage.LocalFileIO;
import io.floe.reader.ParkingLimits;
import java.time.Duration;
import java.util.Map;
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
    assertEquals(new ParkingLimits(32, 128L << 20, Duration.ofSeconds(30)),
        new FloeConfig(Map.of("iceberg.catalog.warehouse", "/w")).fetchParking());
    assertEquals(ParkingLimits.NONE, new FloeConfig(Map.of("iceberg.catalog.warehouse", "/w",
        "fetch.parked.max.count", "0", "fetch.parked.max.bytes", "0", "fetch.parked.idle.ms", "0")).fetchParking());
  }

  @Test
  void aNegativeParkingBoundIsRefusedNamingItsKey() {
    for (String key : new String[] {"fetch.parked.max.count", "fetch.parked.max.bytes", "fetch.parked.idle.ms"}) {
      ConfigException error = assertThrows(ConfigException.class, () -> new FloeConfig(Map.of(
          "iceberg.catalog.warehouse", "/w", key, "-1")));
      assertTrue(error.getMessage().contains(key), error.getMessage());
    }
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
}
