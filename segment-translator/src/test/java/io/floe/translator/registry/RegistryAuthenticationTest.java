package io.floe.translator.registry;

import static io.floe.translator.registry.SampleSchemas.ADDRESS_AVRO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Basic auth and bearer tokens: accepted, refused, and never repeated in a message. */
class RegistryAuthenticationTest {
  private static final String PASSWORD = "s3cret-Pa55word";
  private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.floe.token";

  private ConfluentRegistryServer registry;
  private int id;

  @BeforeEach
  void start() throws IOException {
    registry = ConfluentRegistryServer.start();
    id = registry.register("addresses-value", null, ADDRESS_AVRO);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void basicAuthCredentialsTheRegistryAcceptsFetchTheSchema() {
    registry.requireBasicAuth("floe", PASSWORD);

    RegisteredSchema schema = client(Map.of(RegistrySettings.BASIC_AUTH_USER_INFO, "floe:" + PASSWORD)).schemaById(id);

    assertEquals(ADDRESS_AVRO, schema.schema());
  }

  @Test
  void aWrongPasswordIsRefusedNamingTheUserAndTheKeyButNotThePassword() {
    registry.requireBasicAuth("floe", PASSWORD);
    String wrong = "not-" + PASSWORD;
    SchemaRegistryClient client = client(Map.of(RegistrySettings.BASIC_AUTH_USER_INFO, "floe:" + wrong));

    RegistryAuthenticationException error = assertThrows(RegistryAuthenticationException.class, () -> client.schemaById(id));

    assertEquals(401, error.status());
    assertEquals("Cannot fetch schema " + id + " from schema registry " + registry.url() + ": wrong credentials: "
        + "the registry refused user 'floe' of basic.auth.user.info (HTTP 401: Unauthorized (error 401))", error.getMessage());
    Secrets.assertNotIn(error, wrong, PASSWORD);
  }

  @Test
  void aRegistryThatRequiresCredentialsWhenNoneAreSetSaysWhichKeysToSet() {
    registry.requireBasicAuth("floe", PASSWORD);

    RegistryAuthenticationException error =
        assertThrows(RegistryAuthenticationException.class, () -> client(Map.of()).schemaById(id));

    assertTrue(error.getMessage().contains(
        "the registry requires credentials and none are set: set basic.auth.user.info or bearer.auth.token"),
        error.getMessage());
  }

  @Test
  void aBearerTokenTheRegistryAcceptsFetchesTheSchema() {
    registry.requireBearerToken(TOKEN);

    RegisteredSchema schema = client(Map.of(RegistrySettings.BEARER_AUTH_TOKEN, TOKEN)).schemaById(id);

    assertEquals(ADDRESS_AVRO, schema.schema());
  }

  @Test
  void aRefusedBearerTokenIsNamedByItsKeyNeverShown() {
    registry.requireBearerToken(TOKEN);
    String expired = TOKEN + ".expired";
    SchemaRegistryClient client = client(Map.of(RegistrySettings.BEARER_AUTH_TOKEN, expired));

    RegistryAuthenticationException error = assertThrows(RegistryAuthenticationException.class, () -> client.schemaById(id));

    assertTrue(error.getMessage().contains("wrong credentials: the registry refused the token of bearer.auth.token"),
        error.getMessage());
    Secrets.assertNotIn(error, expired, TOKEN);
  }

  @Test
  void credentialsThatMayNotReadSchemasAreForbidden() {
    registry.requireBasicAuth("floe", PASSWORD);
    registry.forbidReads();
    SchemaRegistryClient client = client(Map.of(RegistrySettings.BASIC_AUTH_USER_INFO, "floe:" + PASSWORD));

    RegistryAuthenticationException error = assertThrows(RegistryAuthenticationException.class, () -> client.schemaById(id));

    assertEquals(403, error.status());
    assertTrue(error.getMessage().contains(
        "not allowed: user 'floe' of basic.auth.user.info may not read schemas (HTTP 403: Forbidden (error 403))"),
        error.getMessage());
    Secrets.assertNotIn(error, PASSWORD);
  }

  @Test
  void refusedCredentialsAreNotRetried() {
    registry.requireBasicAuth("floe", PASSWORD);
    SchemaRegistryClient client = client(Map.of(
        RegistrySettings.BASIC_AUTH_USER_INFO, "floe:wrong", RegistrySettings.MAX_RETRIES, "3"));

    assertThrows(RegistryAuthenticationException.class, () -> client.schemaById(id));

    assertEquals(1, registry.requests().size());
  }

  private SchemaRegistryClient client(Map<String, String> settings) {
    Map<String, String> properties = new HashMap<>(settings);
    properties.put(RegistrySettings.URL, registry.url());
    return new SchemaRegistryClient(RegistrySettings.fromProperties(properties));
  }
}
