package io.floe.translator.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the schema registry is and how to reach it: one or more base URLs (tried in order),
 * credentials, the TLS trust store, timeouts, the cache bound and the retry policy. Built from the
 * broker's {@code schema.registry.*} properties, given here without that prefix. Secrets are
 * {@link Secret}s, so toString never shows them.
 */
public record RegistrySettings(
    List<URI> urls,
    Optional<RegistryCredentials> credentials,
    Optional<TrustStore> trustStore,
    Duration connectTimeout,
    Duration requestTimeout,
    int cacheMaxSchemas,
    RetryPolicy retries) {

  public static final String URL = "url";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
  public static final String SSL_TRUSTSTORE_LOCATION = "ssl.truststore.location";
  public static final String SSL_TRUSTSTORE_PASSWORD = "ssl.truststore.password";
  public static final String SSL_TRUSTSTORE_TYPE = "ssl.truststore.type";
  public static final String CONNECT_TIMEOUT_MS = "connect.timeout.ms";
  public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";
  public static final String CACHE_MAX_SCHEMAS = "cache.max.schemas";
  public static final String MAX_RETRIES = "max.retries";
  public static final String RETRIES_WAIT_MS = "retries.wait.ms";
  public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";

  public static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
  public static final int DEFAULT_CACHE_MAX_SCHEMAS = 1_000;
  /** The retry defaults of Confluent's own client, so that a registry sees the same behaviour. */
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final long DEFAULT_RETRIES_WAIT_MS = 1_000;
  public static final long DEFAULT_RETRIES_MAX_WAIT_MS = 20_000;

  private static final Set<String> TRUST_STORE_TYPES = Set.of("JKS", "PKCS12");

  public RegistrySettings {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new InvalidRegistrySettingException(URL, "no URL given");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new InvalidRegistrySettingException(CONNECT_TIMEOUT_MS, "must be positive");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new InvalidRegistrySettingException(REQUEST_TIMEOUT_MS, "must be positive");
    }
    if (cacheMaxSchemas < 1) {
      throw new InvalidRegistrySettingException(CACHE_MAX_SCHEMAS, "must be at least 1");
    }
  }

  /**
   * Settings from {@code schema.registry.*} properties without the prefix. Only {@code url} is
   * required; keys this client does not know are ignored, as Confluent's serializers ignore
   * theirs. A bad value raises {@link InvalidRegistrySettingException} naming its key.
   */
  public static RegistrySettings fromProperties(Map<String, String> properties) {
    return new RegistrySettings(
        urls(required(properties, URL)),
        credentials(properties),
        trustStore(properties),
        Duration.ofMillis(number(properties, CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, 1)),
        Duration.ofMillis(number(properties, REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, 1)),
        (int) number(properties, CACHE_MAX_SCHEMAS, DEFAULT_CACHE_MAX_SCHEMAS, 1),
        retries(properties));
  }

  /** The base URLs as they appear in messages, comma-separated. */
  public String describeUrls() {
    return String.join(", ", urls.stream().map(URI::toString).toList());
  }

  private static List<URI> urls(String value) {
    List<URI> urls = new ArrayList<>();
    for (String part : value.split(",")) {
      String url = part.strip();
      if (!url.isEmpty()) {
        urls.add(baseUrl(url));
      }
    }
    if (urls.isEmpty()) {
      throw new InvalidRegistrySettingException(URL, "no URL given");
    }
    return urls;
  }

  private static URI baseUrl(String url) {
    URI uri;
    try {
      uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    } catch (URISyntaxException e) {
      // Not the exception as a cause: its message repeats the input, credentials and all.
      throw new InvalidRegistrySettingException(URL, "not a URL (" + e.getReason() + "): " + withoutUserInfo(url));
    }
    if (uri.getRawUserInfo() != null) {
      // Credentials in a URL end up in logs and messages; they have keys of their own.
      throw new InvalidRegistrySettingException(URL, "credentials in the URL are not supported ("
          + withoutUserInfo(url) + "): set " + BASIC_AUTH_USER_INFO + " instead");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new InvalidRegistrySettingException(URL, "not an http or https URL with a host: " + withoutUserInfo(url));
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      // The query is not shown: it is where a token would be.
      throw new InvalidRegistrySettingException(URL,
          "a base URL has no query or fragment: " + scheme + "://" + uri.getRawAuthority() + uri.getRawPath());
    }
    return uri;
  }

  private static String withoutUserInfo(String url) {
    return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
  }

  private static Optional<RegistryCredentials> credentials(Map<String, String> properties) {
    Optional<String> userInfo = optional(properties, BASIC_AUTH_USER_INFO);
    Optional<String> token = optional(properties, BEARER_AUTH_TOKEN);
    if (userInfo.isPresent() && token.isPresent()) {
      throw new InvalidRegistrySettingException(BASIC_AUTH_USER_INFO,
          "set either it or " + BEARER_AUTH_TOKEN + ", not both");
    }
    if (token.isPresent()) {
      return Optional.of(new RegistryCredentials.BearerToken(new Secret(token.get())));
    }
    return userInfo.map(RegistrySettings::basicAuth);
  }

  private static RegistryCredentials basicAuth(String userInfo) {
    int colon = userInfo.indexOf(':');
    if (colon <= 0) {
      throw new InvalidRegistrySettingException(BASIC_AUTH_USER_INFO, "must be user:password");
    }
    return new RegistryCredentials.BasicAuth(userInfo.substring(0, colon), new Secret(userInfo.substring(colon + 1)));
  }

  private static Optional<TrustStore> trustStore(Map<String, String> properties) {
    Optional<String> location = optional(properties, SSL_TRUSTSTORE_LOCATION);
    Optional<Secret> password = optional(properties, SSL_TRUSTSTORE_PASSWORD).map(Secret::new);
    String type = optional(properties, SSL_TRUSTSTORE_TYPE).orElse("JKS").toUpperCase(Locale.ROOT);
    if (!TRUST_STORE_TYPES.contains(type)) {
      throw new InvalidRegistrySettingException(SSL_TRUSTSTORE_TYPE,
          "must be JKS or PKCS12, not " + properties.get(SSL_TRUSTSTORE_TYPE));
    }
    if (location.isEmpty() && password.isPresent()) {
      throw new InvalidRegistrySettingException(SSL_TRUSTSTORE_PASSWORD,
          "is set but " + SSL_TRUSTSTORE_LOCATION + " is not");
    }
    return location.map(path -> new TrustStore(Path.of(path), password, type));
  }

  private static RetryPolicy retries(Map<String, String> properties) {
    int maxRetries = (int) number(properties, MAX_RETRIES, DEFAULT_MAX_RETRIES, 0);
    long initialWait = number(properties, RETRIES_WAIT_MS, DEFAULT_RETRIES_WAIT_MS, 0);
    long maxWait = number(properties, RETRIES_MAX_WAIT_MS, Math.max(initialWait, DEFAULT_RETRIES_MAX_WAIT_MS), 0);
    if (maxWait < initialWait) {
      throw new InvalidRegistrySettingException(RETRIES_MAX_WAIT_MS,
          "must be at least " + RETRIES_WAIT_MS + " (" + initialWait + ")");
    }
    return new RetryPolicy(maxRetries, Duration.ofMillis(initialWait), Duration.ofMillis(maxWait));
  }

  private static String required(Map<String, String> properties, String key) {
    return optional(properties, key).orElseThrow(() -> new InvalidRegistrySettingException(key, "missing"));
  }

  private static Optional<String> optional(Map<String, String> properties, String key) {
    String value = properties.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static long number(Map<String, String> properties, String key, long defaultValue, long minimum) {
    Optional<String> value = optional(properties, key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    long number;
    try {
      number = Long.parseLong(value.get());
    } catch (NumberFormatException e) {
      throw new InvalidRegistrySettingException(key, "not a whole number: '" + value.get() + "'", e);
    }
    if (number < minimum || number > Integer.MAX_VALUE) {
      throw new InvalidRegistrySettingException(key,
          "must be between " + minimum + " and " + Integer.MAX_VALUE + ", not " + number);
    }
    return number;
  }
}
