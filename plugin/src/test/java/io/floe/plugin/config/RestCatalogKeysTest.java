package io.floe.plugin.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.plugin.storage.CatalogTrustStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** A REST catalog's keys are checked at broker start: a wrong one names its key, never its value. */
class RestCatalogKeysTest {
  private static final String SECRET = "s3cr3t-Vq7";

  @Test
  void aRestCatalogWithOAuth2AndAPrivateTrustStoreIsAccepted() {
    Path trustStore = jdkTrustStore();

    FloeConfig config = new FloeConfig(rest(Map.of(
        "iceberg.catalog.credential", "floe:" + SECRET,
        "iceberg.catalog.oauth2-server-uri", "https://idp.example.com/oauth2/token",
        "iceberg.catalog.scope", "PRINCIPAL_ROLE:floe",
        "iceberg.catalog.ssl.truststore.location", trustStore.toString(),
        "iceberg.catalog.ssl.truststore.password", "changeit")));

    assertEquals(CatalogTrustStore.class.getName(), config.catalogProperties().get("rest.client.tls.configurer-impl"));
  }

  @Test
  void aRestCatalogNeedsAUri() {
    Map<String, Object> configs = rest(Map.of());
    configs.remove("iceberg.catalog.uri");

    assertRefused(configs, "iceberg.catalog.uri", "a rest catalog needs the catalog's http or https URI");
  }

  @Test
  void aUriThatIsNotHttpNamesItsKeyButNotItsValue() {
    assertRefused(rest(Map.of("iceberg.catalog.uri", "thrift://metastore:9083/" + SECRET)),
        "iceberg.catalog.uri", "must be an http or https URI with a host");
  }

  @Test
  void aUriWithAUserAndPasswordIsRefusedWithoutShowingThem() {
    assertRefused(rest(Map.of("iceberg.catalog.uri", "https://floe:" + SECRET + "@catalog.example.com/api")),
        "iceberg.catalog.uri", "must not hold a user or password: give credentials in iceberg.catalog.credential or "
            + "iceberg.catalog.token");
  }

  @Test
  void aTokenEndpointThatIsNotHttpIsRefused() {
    assertRefused(rest(Map.of("iceberg.catalog.credential", "floe:" + SECRET,
        "iceberg.catalog.oauth2-server-uri", "idp.example.com/token")),
        "iceberg.catalog.oauth2-server-uri", "must be an http or https URI with a host");
  }

  @Test
  void aCredentialWithoutItsSecretIsRefused() {
    assertRefused(rest(Map.of("iceberg.catalog.credential", "floe:")),
        "iceberg.catalog.credential", "must be client_id:client_secret, or a client secret alone");
  }

  @Test
  void aTokenEndpointWithoutCredentialsIsRefused() {
    assertRefused(rest(Map.of("iceberg.catalog.oauth2-server-uri", "https://idp.example.com/oauth2/token")),
        "iceberg.catalog.oauth2-server-uri", "the catalog would get no credentials");
  }

  @Test
  void aWarehouseThatIsACatalogsNameNeedsAManifestPrefix() {
    assertRefused(rest(Map.of("iceberg.catalog.warehouse", "polaris_catalog",
        "iceberg.catalog.io-impl", "org.apache.iceberg.aws.s3.S3FileIO")),
        "manifest.prefix", "the warehouse of the rest catalog is a name, not a location");
  }

  @Test
  void aTrustStorePasswordWithoutATrustStoreIsRefused() {
    assertRefused(rest(Map.of("iceberg.catalog.ssl.truststore.password", SECRET)),
        "iceberg.catalog.ssl.truststore.password", "is set but iceberg.catalog.ssl.truststore.location is not");
  }

  @Test
  void aTrustStoreTheWrongPasswordDoesNotOpenNamesTheLocationKey() {
    Path trustStore = jdkTrustStore();

    assertRefused(rest(Map.of("iceberg.catalog.ssl.truststore.location", trustStore.toString(),
        "iceberg.catalog.ssl.truststore.password", SECRET)),
        "iceberg.catalog.ssl.truststore.location", "cannot read " + trustStore + " as a PKCS12 trust store");
  }

  private static void assertRefused(Map<String, Object> configs, String key, String problem) {
    ConfigException error = assertThrows(ConfigException.class, () -> new FloeConfig(configs));

    assertTrue(error.getMessage().contains(key), error.getMessage());
    assertTrue(error.getMessage().contains(problem), error.getMessage());
    assertFalse(error.getMessage().contains(SECRET), error.getMessage());
  }

  private static Map<String, Object> rest(Map<String, String> extra) {
    Map<String, Object> configs = new HashMap<>(Map.of(
        "iceberg.catalog.type", "rest",
        "iceberg.catalog.uri", "https://catalog.example.com/api/catalog",
        "iceberg.catalog.warehouse", "s3://bucket/warehouse"));
    configs.putAll(extra);
    return configs;
  }

  /** The JDK's own trust store, password changeit: it opens, and its certificates are the ones the JVM trusts. */
  private static Path jdkTrustStore() {
    return Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
  }
}
