package io.floe.plugin.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How failures name the catalog: never with the credentials its URI may carry. */
class WarehouseTest {
  @Test
  void aCatalogIsNamedWithItsUriWithoutUserInfoOrParameters() throws IOException {
    try (Warehouse warehouse = new Warehouse("floe", Map.of(
        "uri", "jdbc:postgresql://floe:s3cr3t@db.example.com:5432/catalog?password=s3cr3t",
        "io-impl", LocalFileIO.class.getName()))) {
      assertEquals("catalog floe (jdbc:postgresql://db.example.com:5432/catalog)", warehouse.catalogDescription());
    }
  }

  @Test
  void aRestCatalogIsNamedWithItsEndpoint() throws IOException {
    try (Warehouse warehouse = new Warehouse("floe", Map.of(
        "uri", "https://polaris.example.com/api/catalog",
        "io-impl", LocalFileIO.class.getName()))) {
      assertEquals("catalog floe (https://polaris.example.com/api/catalog)", warehouse.catalogDescription());
    }
  }
}
