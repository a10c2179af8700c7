package io.floe.plugin;

import com.google.cloud.storage.Storage;
import java.util.Map;

/**
 * {@link GcsWarehouseTest} on google-cloud-nio's in-memory LocalStorageHelper under GCSFileIO
 * ({@link InMemoryGcsFileIO}). It takes resumable uploads in chunks, ranged reads and single
 * deletes as Cloud Storage does; it has no buckets (it takes objects in any bucket name) and no
 * batch requests, so GCSFileIO's bulk delete (deleteFiles, deletePrefix), which Floe does not call,
 * is not covered.
 */
class InMemoryGcsWarehouseTest extends GcsWarehouseTest {
  @Override
  Storage openStore(String bucket) {
    return InMemoryGcsFileIO.reset();
  }

  @Override
  Map<String, String> fileIo() {
    return Map.of("io-impl", InMemoryGcsFileIO.class.getName());
  }
}
