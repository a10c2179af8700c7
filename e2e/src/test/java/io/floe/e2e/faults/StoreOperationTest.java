package io.floe.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreOperationTest {
  @Test
  void putsOfObjectsAndTheStepsOfAMultipartUploadAreUploads() {
    assertEquals(Optional.of(StoreOperation.UPLOAD), StoreOperation.of("PUT", "/bucket/warehouse/data/a.parquet"));
    assertEquals(Optional.of(StoreOperation.UPLOAD), StoreOperation.of("POST", "/bucket/a.parquet?uploads"));
    assertEquals(Optional.of(StoreOperation.UPLOAD), StoreOperation.of("PUT", "/bucket/a.parquet?partNumber=2&uploadId=x"));
    assertEquals(Optional.of(StoreOperation.UPLOAD), StoreOperation.of("POST", "/bucket/a.parquet?uploadId=x"));
    assertEquals(Optional.of(StoreOperation.UPLOAD), StoreOperation.of("DELETE", "/bucket/a.parquet?uploadId=x"));
  }

  @Test
  void getsAndHeadsOfObjectsAreReads() {
    assertEquals(Optional.of(StoreOperation.READ), StoreOperation.of("GET", "/bucket/warehouse/metadata/v1.metadata.json"));
    assertEquals(Optional.of(StoreOperation.READ), StoreOperation.of("HEAD", "/bucket/a.parquet"));
  }

  @Test
  void getsOfABucketWithAPrefixOrNothingAreLists() {
    assertEquals(Optional.of(StoreOperation.LIST), StoreOperation.of("GET", "/bucket?list-type=2&prefix=warehouse%2F"));
    assertEquals(Optional.of(StoreOperation.LIST), StoreOperation.of("GET", "/bucket/?prefix=warehouse%2F"));
    assertEquals(Optional.of(StoreOperation.LIST), StoreOperation.of("GET", "/bucket"));
  }

  @Test
  void deletesOfOneObjectOrManyAreDeletes() {
    assertEquals(Optional.of(StoreOperation.DELETE), StoreOperation.of("DELETE", "/bucket/a.parquet"));
    assertEquals(Optional.of(StoreOperation.DELETE), StoreOperation.of("POST", "/bucket?delete"));
  }

  @Test
  void requestsOnBucketsThemselvesAreNeverFaulted() {
    assertEquals(Optional.empty(), StoreOperation.of("PUT", "/bucket"));
    assertEquals(Optional.empty(), StoreOperation.of("PUT", "/bucket/"));
    assertEquals(Optional.empty(), StoreOperation.of("GET", "/bucket?location"));
    assertEquals(Optional.empty(), StoreOperation.of("HEAD", "/bucket"));
  }
}
