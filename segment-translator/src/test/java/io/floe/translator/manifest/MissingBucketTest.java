package io.floe.translator.manifest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.junit.jupiter.api.Test;

class MissingBucketTest {
  @Test
  void aBucketTheStoreSaysDoesNotExistIsRecognisedDeepInTheCauseChain() {
    Throwable store = new RuntimeException("The specified bucket does not exist.");
    NotFoundException notFound = new NotFoundException(new IOException(store), "Location does not exist: gs://b/m");

    assertTrue(MissingBucket.isCauseOf(notFound));
  }

  @Test
  void aMissingObjectIsNotAMissingBucket() {
    Throwable store = new RuntimeException("No such object: b/warehouse/m.floe-manifest");
    NotFoundException notFound = new NotFoundException(new IOException(store), "Location does not exist: gs://b/m");

    assertFalse(MissingBucket.isCauseOf(notFound));
  }
}
