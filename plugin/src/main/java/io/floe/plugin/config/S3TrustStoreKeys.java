package io.floe.plugin.config;

import io.floe.plugin.storage.S3TrustStore;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The S3 store's trust store keys ({@code iceberg.catalog.s3.ssl.truststore.*}), checked at broker
 * start so that a trust store that does not open stops it naming the key; the password is never
 * shown. With them Floe builds the S3 client itself ({@link S3TrustStore}), so the keys that name
 * another way of building it, or settings of Iceberg's HTTP client that Floe does not pass on, are
 * refused rather than silently ignored.
 */
final class S3TrustStoreKeys {
  private static final List<String> CONFLICTING = List.of(S3TrustStore.FACTORY, "client.factory",
      "http-client.proxy-endpoint", "http-client.proxy-use-system-property-values",
      "http-client.proxy-use-environment-variable-values");
  /** The analytics accelerator reads through an asynchronous client, which Floe does not build. */
  private static final String ANALYTICS_ACCELERATOR = "s3.analytics-accelerator.enabled";

  private S3TrustStoreKeys() {}

  /**
   * @param properties the catalog properties, without the {@code iceberg.catalog.} prefix; Floe's
   *     own client factory among them is the one these keys put there
   */
  static void check(Map<String, String> properties) {
    String orphan = S3TrustStore.KEYS.setWithoutLocation(properties);
    if (orphan != null) {
      throw invalid(orphan, "is set but " + FloeConfig.CATALOG_PREFIX + S3TrustStore.KEYS.location() + " is not");
    }
    if (!S3TrustStore.KEYS.configured(properties)) {
      return;
    }
    for (String key : CONFLICTING) {
      if (properties.containsKey(key) && !S3TrustStore.class.getName().equals(properties.get(key))) {
        throw conflicting(key);
      }
    }
    if (Boolean.parseBoolean(properties.get(ANALYTICS_ACCELERATOR))) {
      throw conflicting(ANALYTICS_ACCELERATOR);
    }
    try {
      S3TrustStore.KEYS.trustManagers(properties);
    } catch (IllegalArgumentException e) {
      throw invalid(S3TrustStore.KEYS.location(), e.getMessage());
    }
  }

  /** The properties with Floe's S3 client factory given to S3FileIO, if a trust store is configured. */
  static Map<String, String> withTrustStore(Map<String, String> properties) {
    if (S3TrustStore.KEYS.configured(properties)) {
      properties.put(S3TrustStore.FACTORY, S3TrustStore.class.getName());
    }
    return properties;
  }

  private static ConfigException conflicting(String key) {
    return invalid(S3TrustStore.KEYS.location(), "cannot be used with " + FloeConfig.CATALOG_PREFIX + key
        + ": Floe builds the S3 client that trusts it, without that setting");
  }

  private static ConfigException invalid(String key, String problem) {
    return new ConfigException(FloeConfig.CATALOG_PREFIX + key, "(hidden)", problem);
  }
}
