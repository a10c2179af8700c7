package io.floe.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogOperationTest {
  @Test
  void getsOfATableAreLoads() {
    assertEquals(Optional.of(CatalogOperation.LOAD), CatalogOperation.of("GET", "/v1/namespaces/kafka/tables/payments"));
    assertEquals(Optional.of(CatalogOperation.LOAD), CatalogOperation.of("GET", "/v1/namespaces/kafka/tables/payments?snapshots=all"));
  }

  @Test
  void postsToATableAndTransactionsAreCommits() {
    assertEquals(Optional.of(CatalogOperation.COMMIT), CatalogOperation.of("POST", "/v1/namespaces/kafka/tables/payments"));
    assertEquals(Optional.of(CatalogOperation.COMMIT), CatalogOperation.of("POST", "/v1/transactions/commit"));
    assertEquals(Optional.of(CatalogOperation.COMMIT), CatalogOperation.of("POST", "/v1/warehouse/namespaces/kafka/tables/payments"));
  }

  @Test
  void configurationNamespacesTableCreationAndMetricsAreNeverFaulted() {
    assertEquals(Optional.empty(), CatalogOperation.of("GET", "/v1/config"));
    assertEquals(Optional.empty(), CatalogOperation.of("POST", "/v1/namespaces"));
    assertEquals(Optional.empty(), CatalogOperation.of("GET", "/v1/namespaces/kafka"));
    assertEquals(Optional.empty(), CatalogOperation.of("POST", "/v1/namespaces/kafka/tables"));
    assertEquals(Optional.empty(), CatalogOperation.of("HEAD", "/v1/namespaces/kafka/tables/payments"));
    assertEquals(Optional.empty(), CatalogOperation.of("POST", "/v1/namespaces/kafka/tables/payments/metrics"));
  }
}
