package io.floe.plugin.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code iceberg.catalog.gcs.*} keys of a {@code gs://} warehouse, checked at start (Iceberg's
 * GCSFileIO reads them only at the first fetch or upload, and then fails without naming the key),
 * and where its credentials come from. The token is never shown.
 */
public record GcsSettings(Source credentials, Optional<String> warning) {
  static final String PREFIX = FloeConfig.CATALOG_PREFIX;
  static final String TOKEN = "gcs.oauth2.token";
  static final String TOKEN_EXPIRES_AT = "gcs.oauth2.token-expires-at";
  static final String REFRESH_ENDPOINT = "gcs.oauth2.refresh-credentials-endpoint";
  static final String NO_AUTH = "gcs.no-auth";
  static final String IMPERSONATE = "gcp.impersonate.service-account";
  /** Reads through Google's analytics-core library, which the distribution does not carry. */
  static final String ANALYTICS_CORE = "gcs.analytics-core.enabled";
  /** The keys GCSFileIO parses as integers. */
  private static final List<String> INTEGER_KEYS = List.of("gcs.channel.read.chunk-size-bytes",
      "gcs.channel.write.chunk-size-bytes", "gcs.delete.batch-size", "gcp.impersonate.lifetime-seconds");

  /** The credentials GCSFileIO builds its Cloud Storage client with. */
  public enum Source {
    OAUTH2_TOKEN("the OAuth2 token of " + PREFIX + TOKEN),
    NONE("none (" + PREFIX + NO_AUTH + "=true)"),
    IMPERSONATION("Application Default Credentials impersonating " + PREFIX + IMPERSONATE),
    APPLICATION_DEFAULT("Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS' key file, gcloud's "
        + "login, or the metadata server of GCE and GKE), as none of " + PREFIX + TOKEN + ", " + PREFIX + NO_AUTH
        + " and " + PREFIX + IMPERSONATE + " is set");

    private final String description;

    Source(String description) {
      this.description = description;
    }

    @Override
    public String toString() {
      return description;
    }
  }

  /**
   * @param catalogProperties the catalog and FileIO properties, keys without {@code iceberg.catalog.}
   * @throws ConfigException naming the key whose value GCSFileIO would refuse or misread
   */
  static GcsSettings of(Map<String, String> catalogProperties) {
    for (String key : INTEGER_KEYS) {
      integer(catalogProperties, key);
    }
    if (bool(catalogProperties, ANALYTICS_CORE)) {
      throw new ConfigException(PREFIX + ANALYTICS_CORE, "true",
          "Floe's distribution does not carry Google's gcs-analytics-core library: leave it false");
    }
    boolean noAuth = bool(catalogProperties, NO_AUTH);
    boolean token = catalogProperties.containsKey(TOKEN);
    if (catalogProperties.containsKey(TOKEN_EXPIRES_AT)) {
      if (!token) {
        throw new ConfigException(PREFIX + TOKEN_EXPIRES_AT, catalogProperties.get(TOKEN_EXPIRES_AT),
            "the expiry of a token needs the token, " + PREFIX + TOKEN);
      }
      epochMillis(catalogProperties, TOKEN_EXPIRES_AT);
    }
    if (token && noAuth) {
      throw new ConfigException(PREFIX + NO_AUTH, "true", "cannot go without credentials when " + PREFIX + TOKEN
          + " is set: set one of them");
    }
    if (token) {
      Optional<String> warning = catalogProperties.containsKey(REFRESH_ENDPOINT) ? Optional.empty()
          : Optional.of("The OAuth2 token of " + PREFIX + TOKEN + " is never refreshed (" + PREFIX + REFRESH_ENDPOINT
              + " is not set): Cloud Storage refuses uploads and fetches once it expires");
      return new GcsSettings(Source.OAUTH2_TOKEN, warning);
    }
    if (noAuth) {
      return new GcsSettings(Source.NONE, Optional.empty());
    }
    if (catalogProperties.containsKey(IMPERSONATE)) {
      return new GcsSettings(Source.IMPERSONATION, Optional.empty());
    }
    return new GcsSettings(Source.APPLICATION_DEFAULT, Optional.empty());
  }

  private static void integer(Map<String, String> properties, String key) {
    String value = properties.get(key);
    if (value == null) {
      return;
    }
    try {
      Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(PREFIX + key, value, "not a whole number of type INT");
    }
  }

  private static void epochMillis(Map<String, String> properties, String key) {
    String value = properties.get(key);
    try {
      Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(PREFIX + key, value, "not a time in milliseconds since the epoch");
    }
  }

  private static boolean bool(Map<String, String> properties, String key) {
    String value = properties.getOrDefault(key, "false").trim();
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw new ConfigException(PREFIX + key, value, "not true or false");
    }
    return value.equalsIgnoreCase("true");
  }
}
