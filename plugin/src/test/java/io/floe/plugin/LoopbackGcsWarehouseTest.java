package io.floe.plugin;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link GcsWarehouseTest} on GCSFileIO itself, its Cloud Storage client built from the keys as on
 * a broker, talking the JSON API over HTTP to {@link LoopbackGcsServer}: the requests the client
 * sends for Floe, answered by the server the three-broker test shares between processes.
 */
class LoopbackGcsWarehouseTest extends GcsWarehouseTest {
  private LoopbackGcsServer gcs;
  private Storage client;

  @Override
  Storage openStore(String bucket) throws IOException {
    gcs = LoopbackGcsServer.withBuckets(bucket);
    client = StorageOptions.http().setHost(gcs.endpoint().toString()).setProjectId("floe-test")
        .setCredentials(NoCredentials.getInstance()).build().getService();
    return client;
  }

  @Override
  Map<String, String> fileIo() {
    return Map.of("io-impl", "org.apache.iceberg.gcp.gcs.GCSFileIO", "gcs.service.host", gcs.endpoint().toString());
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    gcs.close();
  }
}
