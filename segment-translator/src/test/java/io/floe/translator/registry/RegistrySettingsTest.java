package io.floe.translator.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.registry.RegistryCredentials.BasicAuth;
import io.floe.translator.registry.RegistryCredentials.BearerToken;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The schema.registry.* keys: defaults, every key read, and bad values refused naming the key. */
class RegistrySettingsTest {

  @Test
  void onlyTheUrlIsRequiredAndEverythingElseHasADefault() {
    RegistrySettings settings = RegistrySettings.fromProperties(Map.of("url", "http://registry:8081"));

    assertEquals(List.of(URI.create("http://registry:8081")), settings.urls());
    assertEquals(Optional.empty(), settings.credentials());
    assertEquals(Optional.empty(), settings.trustStore());
    assertEquals(Duration.ofSeconds(10), settings.connectTimeout());
    assertEquals(Duration.ofSeconds(30), settings.requestTimeout());
    assertEquals(1000, settings.cacheMaxSchemas());
    assertEquals(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(20)), settings.retries());
  }

  @Test
  void everyKeyIsRead() {
    RegistrySettings settings = RegistrySettings.fromProperties(Map.of(
        "url", "https://a.example:8081/, https://b.example:8081/registry",
        "basic.auth.user.info", "floe:pass:word",
        "ssl.truststore.location", "/etc/floe/truststore.p12",
        "ssl.truststore.password", "changeit",
        "ssl.truststore.type", "pkcs12",
        "connect.timeout.ms", "2000",
        "request.timeout.ms", "5000",
        "cache.max.schemas", "50",
        "max.retries", "5",
        "retries.wait.ms", "100"));

    assertEquals(List.of(URI.create("https://a.example:8081"), URI.create("https://b.example:8081/registry")), settings.urls());
    assertEquals(Optional.of(new BasicAuth("floe", new Secret("pass:word"))), settings.credentials());
    assertEquals(Optional.of(new TrustStore(Path.of("/etc/floe/truststore.p12"), Optional.of(new Secret("changeit")), "PKCS12")),
        settings.trustStore());
    assertEquals(Duration.ofSeconds(2), settings.connectTimeout());
    assertEquals(Duration.ofSeconds(5), settings.requestTimeout());
    assertEquals(50, settings.cacheMaxSchemas());
    assertEquals(new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(20)), settings.retries());
  }

  @Test
  void aBearerTokenIsRead() {
    RegistrySettings settings = RegistrySettings.fromProperties(Map.of("url", "http://registry:8081", "bearer.auth.token", "t0ken"));

    assertEquals(Optional.of(new BearerToken(new Secret("t0ken"))), settings.credentials());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "url|''",
      "url|ftp://registry:21",
      "url|registry:8081",
      "url|http://registry:8081/?tenant=a",
      "basic.auth.user.info|floe",
      "ssl.truststore.type|PEM",
      "ssl.truststore.password|changeit",
      "connect.timeout.ms|soon",
      "request.timeout.ms|0",
      "cache.max.schemas|-1",
      "max.retries|-1",
      "retries.max.wait.ms|1",
  })
  void aBadValueIsRefusedNamingItsKey(String key, String value) {
    Map<String, String> properties = new HashMap<>(Map.of("url", "http://registry:8081"));
    properties.put(key, value);

    InvalidRegistrySettingException error =
        assertThrows(InvalidRegistrySettingException.class, () -> RegistrySettings.fromProperties(properties));

    assertEquals(key, error.key());
    assertTrue(error.getMessage().startsWith("Invalid schema registry setting " + key + ": "), error.getMessage());
  }

  @Test
  void basicAuthAndABearerTokenTogetherAreRefused() {
    InvalidRegistrySettingException error = assertThrows(InvalidRegistrySettingException.class,
        () -> RegistrySettings.fromProperties(Map.of(
            "url", "http://registry:8081", "basic.auth.user.info", "floe:pw", "bearer.auth.token", "t0ken")));

    assertEquals("Invalid schema registry setting basic.auth.user.info: set either it or bearer.auth.token, not both",
        error.getMessage());
  }

  @Test
  void credentialsInTheUrlAreRefusedWithoutRepeatingThem() {
    InvalidRegistrySettingException error = assertThrows(InvalidRegistrySettingException.class,
        () -> RegistrySettings.fromProperties(Map.of("url", "https://floe:hunter2@registry:8081")));

    assertEquals("Invalid schema registry setting url: credentials in the URL are not supported "
        + "(https://registry:8081): set basic.auth.user.info instead", error.getMessage());
    Secrets.assertNotIn(error, "hunter2");
  }

  @Test
  void secretsAreHiddenFromToString() {
    RegistrySettings basic = RegistrySettings.fromProperties(Map.of(
        "url", "https://registry:8081",
        "basic.auth.user.info", "floe:hunter2",
        "ssl.truststore.location", "/etc/floe/truststore.jks",
        "ssl.truststore.password", "changeit-42"));
    RegistrySettings bearer = RegistrySettings.fromProperties(Map.of("url", "https://registry:8081", "bearer.auth.token", "t0ken-42"));

    Secrets.assertNotIn(basic, "hunter2", "changeit-42");
    Secrets.assertNotIn(bearer, "t0ken-42");
    assertTrue(basic.toString().contains("user=floe"), basic.toString());
  }
}
