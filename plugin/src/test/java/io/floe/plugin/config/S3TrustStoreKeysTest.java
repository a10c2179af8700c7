package io.floe.plugin.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.plugin.storage.S3TrustStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The S3 store's trust store keys are checked at broker start: a wrong one names its key, never the password. */
class S3TrustStoreKeysTest {
  private static final String SECRET = "s3cr3t-Hb5";

  @Test
  void aTrustStoreThatOpensHandsFloesClientFactoryToS3FileIO() {
    FloeConfig config = new FloeConfig(s3(Map.of(
        "iceberg.catalog.s3.ssl.truststore.location", jdkTrustStore().toString(),
        "iceberg.catalog.s3.ssl.truststore.password", "changeit",
        "iceberg.catalog.s3.ssl.truststore.type", "pkcs12")));

    assertEquals(S3TrustStore.class.getName(), config.catalogProperties().get("s3.client-factory-impl"));
  }

  @Test
  void withoutATrustStoreS3FileIOBuildsItsOwnClient() {
    FloeConfig config = new FloeConfig(s3(Map.of()));

    assertFalse(config.catalogProperties().containsKey("s3.client-factory-impl"));
  }

  @Test
  void aTrustStoreTheWrongPasswordDoesNotOpenNamesTheLocationKeyButNotThePassword() {
    assertRefused(s3(Map.of("iceberg.catalog.s3.ssl.truststore.location", jdkTrustStore().toString(),
        "iceberg.catalog.s3.ssl.truststore.password", SECRET)),
        "iceberg.catalog.s3.ssl.truststore.location", "cannot read " + jdkTrustStore() + " as a PKCS12 trust store");
  }

  @Test
  void aMissingTrustStoreFileNamesTheLocationKey() {
    Path missing = Path.of("/nonexistent/floe-truststore.p12");

    assertRefused(s3(Map.of("iceberg.catalog.s3.ssl.truststore.location", missing.toString())),
        "iceberg.catalog.s3.ssl.truststore.location", "cannot read " + missing);
  }

  @Test
  void aTrustStorePasswordWithoutATrustStoreIsRefused() {
    assertRefused(s3(Map.of("iceberg.catalog.s3.ssl.truststore.password", SECRET)),
        "iceberg.catalog.s3.ssl.truststore.password", "is set but iceberg.catalog.s3.ssl.truststore.location is not");
  }

  @Test
  void aTrustStoreWithAnotherWayOfBuildingTheClientIsRefusedRatherThanIgnored() {
    assertRefused(s3(Map.of("iceberg.catalog.s3.ssl.truststore.location", jdkTrustStore().toString(),
        "iceberg.catalog.client.factory", "org.apache.iceberg.aws.AssumeRoleAwsClientFactory")),
        "iceberg.catalog.s3.ssl.truststore.location", "cannot be used with iceberg.catalog.client.factory");
  }

  @Test
  void aTrustStoreWithAProxyIsRefusedRatherThanIgnored() {
    assertRefused(s3(Map.of("iceberg.catalog.s3.ssl.truststore.location", jdkTrustStore().toString(),
        "iceberg.catalog.http-client.proxy-endpoint", "http://proxy.internal:3128")),
        "iceberg.catalog.s3.ssl.truststore.location", "cannot be used with iceberg.catalog.http-client.proxy-endpoint");
  }

  @Test
  void aTrustStoreWithTheAnalyticsAcceleratorOnIsRefusedAndWithItOffAccepted() {
    assertRefused(s3(Map.of("iceberg.catalog.s3.ssl.truststore.location", jdkTrustStore().toString(),
        "iceberg.catalog.s3.analytics-accelerator.enabled", "true")),
        "iceberg.catalog.s3.ssl.truststore.location", "cannot be used with iceberg.catalog.s3.analytics-accelerator.enabled");

    new FloeConfig(s3(Map.of("iceberg.catalog.s3.ssl.truststore.location", jdkTrustStore().toString(),
        "iceberg.catalog.s3.ssl.truststore.password", "changeit",
        "iceberg.catalog.s3.analytics-accelerator.enabled", "false")));
  }

  private static void assertRefused(Map<String, Object> configs, String key, String problem) {
    ConfigException error = assertThrows(ConfigException.class, () -> new FloeConfig(configs));

    assertTrue(error.getMessage().contains(key), error.getMessage());
    assertTrue(error.getMessage().contains(problem), error.getMessage());
    assertFalse(error.getMessage().contains(SECRET), error.getMessage());
  }

  private static Map<String, Object> s3(Map<String, String> extra) {
    Map<String, Object> configs = new HashMap<>(Map.of(
        "iceberg.catalog.warehouse", "s3://bucket/warehouse",
        "iceberg.catalog.uri", "jdbc:postgresql://db.internal/floe",
        "iceberg.catalog.s3.endpoint", "https://minio.internal:9000"));
    configs.putAll(extra);
    return configs;
  }

  /** The JDK's own trust store, password changeit. */
  private static Path jdkTrustStore() {
    return Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
  }
}
