package io.floe.plugin;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import org.apache.iceberg.gcp.gcs.GCSFileIO;

/**
 * Iceberg's GCSFileIO on an in-memory Cloud Storage (google-cloud-nio's LocalStorageHelper): the
 * tests name it as {@code iceberg.catalog.io-impl}, so Floe and the catalog load and initialize it
 * from the configured properties exactly as they do GCSFileIO; only the client is not built from
 * them. Every instance shares the store of the test that last called {@link #reset()}.
 */
public final class InMemoryGcsFileIO extends GCSFileIO {
  private static volatile Storage storage = LocalStorageHelper.customOptions(true).getService();

  public InMemoryGcsFileIO() {
    super(() -> storage);
  }

  /** A new, empty store for every instance made from now on; throws where an option is unsupported. */
  static Storage reset() {
    storage = LocalStorageHelper.customOptions(true).getService();
    return storage;
  }
}
