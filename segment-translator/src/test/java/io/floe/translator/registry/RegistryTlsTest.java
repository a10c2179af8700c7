package io.floe.translator.registry;

import static io.floe.translator.registry.SampleSchemas.ADDRESS_AVRO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An https registry with a self-signed certificate, trusted through ssl.truststore.*. */
class RegistryTlsTest {
  @TempDir
  static Path dir;

  private static SelfSignedCertificate certificate;
  private static ConfluentRegistryServer registry;
  private static int id;

  @BeforeAll
  static void start() throws IOException, InterruptedException, GeneralSecurityException {
    certificate = SelfSignedCertificate.create(dir);
    registry = ConfluentRegistryServer.startTls(certificate.serverContext());
    id = registry.register("addresses-value", null, ADDRESS_AVRO);
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  @Test
  void aRegistryWhoseCertificateIsInTheTrustStoreIsReachedOverTls() {
    SchemaRegistryClient client = client(Map.of(
        RegistrySettings.SSL_TRUSTSTORE_LOCATION, certificate.trustStore().toString(),
        RegistrySettings.SSL_TRUSTSTORE_PASSWORD, certificate.password(),
        RegistrySettings.SSL_TRUSTSTORE_TYPE, "JKS"));

    assertEquals(ADDRESS_AVRO, client.schemaById(id).schema());
  }

  @Test
  void aRegistryWhoseCertificateIsNotTrustedIsUnavailableAtOnce() {
    SchemaRegistryClient client = client(Map.of(RegistrySettings.MAX_RETRIES, "3"));

    RegistryUnavailableException error = assertThrows(RegistryUnavailableException.class, () -> client.schemaById(id));

    assertTrue(error.getMessage().contains(": TLS with " + registry.url() + " failed ("), error.getMessage());
    assertTrue(error.getMessage().endsWith(
        "does the trust store of ssl.truststore.location hold the registry's certificate or its CA?"), error.getMessage());
  }

  @Test
  void aWrongTrustStorePasswordNamesTheKeyButNotThePassword() {
    String wrong = "wrong-" + certificate.password();

    InvalidRegistrySettingException error = assertThrows(InvalidRegistrySettingException.class, () -> client(Map.of(
        RegistrySettings.SSL_TRUSTSTORE_LOCATION, certificate.trustStore().toString(),
        RegistrySettings.SSL_TRUSTSTORE_PASSWORD, wrong)));

    assertEquals(RegistrySettings.SSL_TRUSTSTORE_PASSWORD, error.key());
    assertEquals("Invalid schema registry setting ssl.truststore.password: it does not open trust store "
        + certificate.trustStore(), error.getMessage());
    Secrets.assertNotIn(error, wrong);
  }

  @Test
  void aTrustStoreThatIsNotThereNamesItsLocation() {
    Path missing = dir.resolve("missing.jks");

    InvalidRegistrySettingException error = assertThrows(InvalidRegistrySettingException.class,
        () -> client(Map.of(RegistrySettings.SSL_TRUSTSTORE_LOCATION, missing.toString())));

    assertEquals(RegistrySettings.SSL_TRUSTSTORE_LOCATION, error.key());
    assertEquals("Invalid schema registry setting ssl.truststore.location: no such file: " + missing, error.getMessage());
  }

  private static SchemaRegistryClient client(Map<String, String> settings) {
    Map<String, String> properties = new HashMap<>(settings);
    properties.put(RegistrySettings.URL, registry.url());
    properties.put(RegistrySettings.RETRIES_WAIT_MS, "10");
    return new SchemaRegistryClient(RegistrySettings.fromProperties(properties));
  }
}
