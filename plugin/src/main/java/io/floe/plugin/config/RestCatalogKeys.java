package io.floe.plugin.config;

import io.floe.plugin.storage.CatalogTrustStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The keys of a REST catalog ({@code iceberg.catalog.type=rest}), checked at broker start so that a
 * wrong one stops it with a message naming the key; their values are never shown, as any may hold a
 * secret. Reaching the catalog is not checked: a broker starts while its catalog is down.
 */
final class RestCatalogKeys {
  static final String URI_KEY = "uri";
  static final String CREDENTIAL = "credential";
  static final String TOKEN = "token";
  static final String OAUTH2_SERVER_URI = "oauth2-server-uri";
  static final String SCOPE = "scope";

  private RestCatalogKeys() {}

  /**
   * @param properties the catalog properties, without the {@code iceberg.catalog.} prefix
   * @param manifestPrefixSet whether {@code manifest.prefix} is set: it must be when the warehouse is
   *     a name the catalog knows (as Polaris's are) rather than a location
   */
  static void check(Map<String, String> properties, boolean manifestPrefixSet) {
    if (!manifestPrefixSet && !isLocation(properties.get("warehouse"))) {
      throw new ConfigException(FloeConfig.MANIFEST_PREFIX, null, "the warehouse of the rest catalog is a name, "
          + "not a location: set where the segment manifests go");
    }
    String uri = properties.get(URI_KEY);
    if (uri == null) {
      throw invalid(URI_KEY, "a rest catalog needs the catalog's http or https URI");
    }
    checkHttp(URI_KEY, uri);
    if (properties.containsKey(OAUTH2_SERVER_URI)) {
      checkHttp(OAUTH2_SERVER_URI, properties.get(OAUTH2_SERVER_URI));
    }
    String credential = properties.get(CREDENTIAL);
    if (credential != null && (credential.isEmpty() || credential.startsWith(":") || credential.endsWith(":"))) {
      throw invalid(CREDENTIAL, "must be client_id:client_secret, or a client secret alone");
    }
    for (String key : new String[] {OAUTH2_SERVER_URI, SCOPE}) {
      if (properties.containsKey(key) && credential == null && !properties.containsKey(TOKEN)) {
        throw invalid(key, "is set, but neither " + FloeConfig.CATALOG_PREFIX + CREDENTIAL + " nor "
            + FloeConfig.CATALOG_PREFIX + TOKEN + " is: the catalog would get no credentials");
      }
    }
    checkTrustStore(properties);
  }

  /** The properties with Floe's trust store given to Iceberg's HTTP client, if one is configured. */
  static Map<String, String> withTrustStore(Map<String, String> properties) {
    if (properties.containsKey(CatalogTrustStore.LOCATION)) {
      properties.putIfAbsent(CatalogTrustStore.CONFIGURER, CatalogTrustStore.class.getName());
    }
    return properties;
  }

  private static void checkTrustStore(Map<String, String> properties) {
    for (String key : new String[] {CatalogTrustStore.PASSWORD, CatalogTrustStore.TYPE}) {
      if (properties.containsKey(key) && !properties.containsKey(CatalogTrustStore.LOCATION)) {
        throw invalid(key, "is set but " + FloeConfig.CATALOG_PREFIX + CatalogTrustStore.LOCATION + " is not");
      }
    }
    if (properties.containsKey(CatalogTrustStore.LOCATION)) {
      try {
        CatalogTrustStore.sslContext(properties);
      } catch (IllegalArgumentException e) {
        throw invalid(CatalogTrustStore.LOCATION, e.getMessage());
      }
    }
  }

  private static boolean isLocation(String warehouse) {
    return warehouse.startsWith("/") || warehouse.matches("[A-Za-z][A-Za-z0-9+.-]*:.*");
  }

  private static void checkHttp(String key, String value) {
    try {
      URI uri = new URI(value);
      if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
        throw invalid(key, "must be an http or https URI with a host");
      }
      if (uri.getRawUserInfo() != null) {
        // Iceberg's HTTP client refuses such a URI at every request, and it would put a secret where URIs are shown.
        throw invalid(key, "must not hold a user or password: give credentials in " + FloeConfig.CATALOG_PREFIX
            + CREDENTIAL + " or " + FloeConfig.CATALOG_PREFIX + TOKEN);
      }
    } catch (URISyntaxException e) {
      throw invalid(key, "must be an http or https URI: it is not a URI (at index " + e.getIndex() + ")");
    }
  }

  private static ConfigException invalid(String key, String problem) {
    return new ConfigException(FloeConfig.CATALOG_PREFIX + key, "(hidden)", problem);
  }
}
