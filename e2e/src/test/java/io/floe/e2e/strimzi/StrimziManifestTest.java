package io.floe.e2e.strimzi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strimzi.api.kafka.model.kafka.tieredstorage.TieredStorageCustom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrimziManifestTest {
  private static final String POOL = """
      apiVersion: kafka.strimzi.io/v1
      kind: KafkaNodePool
      metadata:
        name: dual-role
      spec:
        replicas: 1
        roles: [controller, broker]
      ---
      """;

  @TempDir
  Path dir;

  @Test
  void readsTheKafkaAndItsNodePoolsWithThePlaceholdersReplaced() throws IOException {
    StrimziManifest manifest = StrimziManifest.read(file(POOL + kafka("classPath: /opt/kafka/plugins/floe/lib/*")),
        Map.of("/opt/kafka/plugins/floe", "/tmp/floe"));

    assertEquals("dual-role", manifest.nodePools().get(0).getMetadata().getName());
    TieredStorageCustom tiered = (TieredStorageCustom) manifest.kafka().getSpec().getKafka().getTieredStorage();
    assertEquals("/tmp/floe/lib/*", tiered.getRemoteStorageManager().getClassPath());
  }

  @Test
  void refusesAFieldStrimziDoesNotKnow() throws IOException {
    Path file = file(kafka("classpath: /opt/kafka/plugins/floe/lib/*"));

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> StrimziManifest.read(file, Map.of()));
    assertTrue(refused.getMessage().contains(".spec.kafka.tieredStorage.remoteStorageManager.classpath"), refused.getMessage());
  }

  @Test
  void refusesAPlaceholderThatIsNotThere() throws IOException {
    Path file = file(kafka("classPath: /opt/kafka/plugins/floe/lib/*"));

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> StrimziManifest.read(file, Map.of("my-bucket", "floe-warehouse")));
    assertTrue(refused.getMessage().startsWith("Cannot substitute my-bucket"), refused.getMessage());
  }

  private static String kafka(String classPathLine) {
    return """
        apiVersion: kafka.strimzi.io/v1
        kind: Kafka
        metadata:
          name: my-cluster
        spec:
          kafka:
            tieredStorage:
              type: custom
              remoteStorageManager:
                className: io.floe.plugin.IcebergRemoteStorageManager
                %s
        """.formatted(classPathLine);
  }

  private Path file(String yaml) throws IOException {
    return Files.writeString(dir.resolve("kafka.yaml"), yaml);
  }
}
