package io.floe.translator.registry;

import static io.floe.translator.registry.SampleSchemas.ADDRESS_AVRO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A registry that is down, slow, failing or not a registry at all: transient failures are retried,
 * the next URL is tried, and what is left is an infrastructure failure naming the registry.
 */
class UnavailableRegistryTest {
  private ConfluentRegistryServer registry;

  @BeforeEach
  void start() throws IOException {
    registry = ConfluentRegistryServer.start();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void aRegistryThatAnswersAfterTheRequestTimeoutIsUnavailable() {
    int id = registry.register("addresses-value", null, ADDRESS_AVRO);
    registry.delayAnswers(Duration.ofSeconds(5));
    SchemaRegistryClient client = client(registry.url(), Map.of(
        RegistrySettings.REQUEST_TIMEOUT_MS, "200", RegistrySettings.MAX_RETRIES, "0"));

    long start = System.nanoTime();
    RegistryUnavailableException error = assertThrows(RegistryUnavailableException.class, () -> client.schemaById(id));

    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(4)) < 0, "it did not wait for the answer");
    assertEquals("Cannot fetch schema " + id + " from schema registry " + registry.url() + ": no answer from "
        + registry.url() + " within request.timeout.ms (200 ms)", error.getMessage());
  }

  @Test
  void aServerErrorIsRetriedUntilTheRegistryAnswers() {
    int id = registry.register("addresses-value", null, ADDRESS_AVRO);
    registry.failNextRequests(1);

    RegisteredSchema schema = client(registry.url(), Map.of()).schemaById(id);

    assertEquals(ADDRESS_AVRO, schema.schema());
    assertEquals(2, registry.requests().size());
  }

  @Test
  void aRegistryThatKeepsFailingIsUnavailableOnceTheRetriesAreSpent() {
    int id = registry.register("addresses-value", null, ADDRESS_AVRO);
    registry.failNextRequests(100);
    SchemaRegistryClient client = client(registry.url(), Map.of(RegistrySettings.MAX_RETRIES, "2"));

    RegistryUnavailableException error = assertThrows(RegistryUnavailableException.class, () -> client.schemaById(id));

    assertEquals(3, registry.requests().size());
    assertTrue(error.getMessage().endsWith(
        ": the registry answered HTTP 500: Error in the backend datastore (error 50001) (3 attempts)"), error.getMessage());
  }

  @Test
  void theSecondUrlAnswersWhenTheFirstRefusesConnections() throws IOException {
    int id = registry.register("addresses-value", null, ADDRESS_AVRO);
    String refusing = "http://127.0.0.1:" + closedPort();

    RegisteredSchema schema = client(refusing + "," + registry.url(), Map.of()).schemaById(id);

    assertEquals(ADDRESS_AVRO, schema.schema());
    assertEquals(1, registry.requests().size());
  }

  @Test
  void theUrlThatAnsweredIsAskedFirstByLaterLookups() throws IOException {
    try (ConfluentRegistryServer failing = ConfluentRegistryServer.start()) {
      failing.failNextRequests(100);
      int first = registry.register("addresses-value", null, ADDRESS_AVRO);
      int second = registry.register("customers-value", null, ADDRESS_AVRO);
      SchemaRegistryClient client = client(failing.url() + "," + registry.url(), Map.of(RegistrySettings.MAX_RETRIES, "0"));

      client.schemaById(first);
      client.schemaById(second);

      assertEquals(1, failing.requests().size());
      assertEquals(2, registry.requests().size());
    }
  }

  @Test
  void noUrlAnsweringLeavesTheRegistryUnavailableNamingEveryUrl() throws IOException {
    String first = "http://127.0.0.1:" + closedPort();
    String second = "http://127.0.0.1:" + closedPort();
    SchemaRegistryClient client = client(first + ", " + second, Map.of(RegistrySettings.MAX_RETRIES, "1"));

    RegistryUnavailableException error = assertThrows(RegistryUnavailableException.class, () -> client.schemaById(7));

    assertEquals(first + ", " + second, error.registry());
    assertTrue(error.getMessage().startsWith("Cannot fetch schema 7 from schema registry " + first + ", " + second
        + ": cannot connect to "), error.getMessage());
    assertTrue(error.getMessage().endsWith(" (2 attempts)"), error.getMessage());
  }

  @Test
  void aUrlThatIsNotTheRegistrysIsUnavailableNotAMissingSchema() {
    int id = registry.register("addresses-value", null, ADDRESS_AVRO);
    SchemaRegistryClient client = client(registry.url() + "/not-the-registry", Map.of());

    RegistryUnavailableException error = assertThrows(RegistryUnavailableException.class, () -> client.schemaById(id));

    assertTrue(error.getMessage().endsWith(": the registry answered HTTP 404: HTTP 404 Not Found (error 404)"),
        error.getMessage());
  }

  @Test
  void aWebPageInsteadOfTheRegistryIsUnavailableNotAMissingSchema() {
    registry.answerAsAWebPage("<html><body>Welcome to nginx!</body></html>");

    RegistryUnavailableException error =
        assertThrows(RegistryUnavailableException.class, () -> client(registry.url(), Map.of()).schemaById(1));

    assertTrue(error.getMessage().contains(
        ": the answer is not a schema as the Schema Registry API describes it: it is not JSON ("), error.getMessage());
  }

  private SchemaRegistryClient client(String urls, Map<String, String> settings) {
    Map<String, String> properties = new HashMap<>(settings);
    properties.put(RegistrySettings.URL, urls);
    properties.putIfAbsent(RegistrySettings.RETRIES_WAIT_MS, "10");
    return new SchemaRegistryClient(RegistrySettings.fromProperties(properties));
  }

  /** A port nothing listens on: connections to it are refused. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
