package io.floe.translator.registry;

import static io.floe.translator.registry.SampleSchemas.ADDRESS_AVRO;
import static io.floe.translator.registry.SampleSchemas.CUSTOMER_AVRO;
import static io.floe.translator.registry.SampleSchemas.ORDER_JSON_SCHEMA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.registry.ConfluentRegistryServer.Reference;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schemas by id never change: the registry is asked once per id, within a bound of entries. */
class SchemaCacheTest {
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
  void aSecondLookupOfAnIdDoesNotAskTheRegistry() {
    int id = registry.register("addresses-value", null, ADDRESS_AVRO);
    SchemaRegistryClient client = client(Map.of());

    RegisteredSchema first = client.schemaById(id);
    RegisteredSchema second = client.schemaById(id);

    assertEquals(first, second);
    assertEquals(1, registry.requests().size());
  }

  @Test
  void aSchemaThatTwoSchemasReferToIsFetchedOnce() {
    registry.register("com.acme.Address", null, ADDRESS_AVRO);
    Reference address = new Reference("com.acme.Address", "com.acme.Address", 1);
    int customer = registry.register("customers-value", null, CUSTOMER_AVRO, address);
    int supplier = registry.register("suppliers-value", null, CUSTOMER_AVRO, address);
    SchemaRegistryClient client = client(Map.of());

    client.schemaById(customer);
    client.schemaById(supplier);

    assertEquals(List.of("/schemas/ids/" + customer, "/subjects/com.acme.Address/versions/1", "/schemas/ids/" + supplier),
        registry.requests());
  }

  @Test
  void theCacheHoldsNoMoreSchemasThanItsBound() {
    List<Integer> ids = List.of(
        registry.register("a-value", null, ADDRESS_AVRO),
        registry.register("b-value", "JSON", ORDER_JSON_SCHEMA),
        registry.register("c-value", null, ADDRESS_AVRO));
    SchemaRegistryClient client = client(Map.of(RegistrySettings.CACHE_MAX_SCHEMAS, "2"));

    ids.forEach(client::schemaById);
    ids.forEach(client::schemaById);

    assertTrue(registry.requests().size() > ids.size(), "three schemas do not fit in two entries: " + registry.requests());
  }

  @Test
  void concurrentLookupsOfOneIdShareOneRequest() throws Exception {
    int id = registry.register("addresses-value", null, ADDRESS_AVRO);
    registry.delayAnswers(Duration.ofMillis(300));
    SchemaRegistryClient client = client(Map.of());
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<RegisteredSchema>> lookups = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        lookups.add(pool.submit(() -> {
          start.await();
          return client.schemaById(id);
        }));
      }
      start.countDown();
      for (Future<RegisteredSchema> lookup : lookups) {
        assertEquals(ADDRESS_AVRO, lookup.get().schema());
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(1, registry.requests().size());
  }

  @Test
  void aFailedLookupIsNotRemembered() {
    SchemaRegistryClient client = client(Map.of());
    assertThrows(SchemaNotFoundException.class, () -> client.schemaById(1));

    int id = registry.register("addresses-value", null, ADDRESS_AVRO);

    assertEquals(ADDRESS_AVRO, client.schemaById(id).schema());
  }

  private SchemaRegistryClient client(Map<String, String> settings) {
    Map<String, String> properties = new HashMap<>(settings);
    properties.put(RegistrySettings.URL, registry.url());
    return new SchemaRegistryClient(RegistrySettings.fromProperties(properties));
  }
}
