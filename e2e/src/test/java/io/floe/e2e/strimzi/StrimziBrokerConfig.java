package io.floe.e2e.strimzi;

import io.floe.e2e.broker.RemoteStoragePlugin;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaClusterSpec;
import io.strimzi.api.kafka.model.kafka.tieredstorage.RemoteStorageManager;
import io.strimzi.api.kafka.model.kafka.tieredstorage.TieredStorageCustom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The broker properties Strimzi 0.49's operator writes for a {@code Kafka} resource's tiered
 * storage and configuration, as its {@code KafkaBrokerConfigurationBuilder} does in
 * {@code withTieredStorage} and {@code withUserConfiguration} (with {@code printConfigProviders}),
 * keys that {@code KafkaClusterSpec.FORBIDDEN_PREFIXES} forbids refused rather than dropped.
 *
 * <p>Left out is what Strimzi writes for its own cluster alone: the remote log metadata manager's
 * client settings (Strimzi's TLS replication listener; a test broker gives it its own listener)
 * and Strimzi's own config providers ({@code strimzienv}, {@code strimzisecrets},
 * {@code strimzifile}, {@code strimzidir}, appended to the user's {@code config.providers}): the
 * examples use none of them, and {@code KubernetesSecretConfigProvider} ships only in Strimzi's image.
 */
public record StrimziBrokerConfig(Map<String, String> properties, RemoteStoragePlugin remoteStorage) {
  private static final String RLMM = "org.apache.kafka.server.log.remote.metadata.storage.TopicBasedRemoteLogMetadataManager";
  private static final List<String> FORBIDDEN_PREFIXES = List.of(KafkaClusterSpec.FORBIDDEN_PREFIXES.split("\\s*,\\s*"));
  private static final List<String> FORBIDDEN_PREFIX_EXCEPTIONS =
      List.of(KafkaClusterSpec.FORBIDDEN_PREFIX_EXCEPTIONS.split("\\s*,\\s*"));

  public StrimziBrokerConfig {
    properties = Map.copyOf(properties);
  }

  public static StrimziBrokerConfig of(Kafka kafka) {
    KafkaClusterSpec spec = kafka.getSpec().getKafka();
    if (!(spec.getTieredStorage() instanceof TieredStorageCustom custom)) {
      throw new IllegalArgumentException("Cannot load Floe from Kafka " + kafka.getMetadata().getName()
          + ": spec.kafka.tieredStorage is not of type custom");
    }
    RemoteStorageManager rsm = custom.getRemoteStorageManager();
    Map<String, String> properties = new TreeMap<>();
    // withTieredStorage
    properties.put("remote.log.storage.system.enable", "true");
    properties.put("remote.log.metadata.manager.impl.prefix", "rlmm.config.");
    properties.put("remote.log.metadata.manager.class.name", RLMM);
    properties.put("remote.log.storage.manager.class.name", rsm.getClassName());
    properties.put("remote.log.storage.manager.class.path", rsm.getClassPath());
    properties.put("remote.log.storage.manager.impl.prefix", "rsm.config.");
    rsm.getConfig().forEach((key, value) -> properties.put("rsm.config." + key, value));
    // withUserConfiguration: spec.kafka.config, scalars as text
    if (spec.getConfig() != null) {
      spec.getConfig().forEach((key, value) -> properties.put(allowed(kafka, key), text(kafka, key, value)));
    }
    RemoteStoragePlugin plugin = new RemoteStoragePlugin(rsm.getClassName(), Optional.of(rsm.getClassPath()), rsm.getConfig());
    return new StrimziBrokerConfig(properties, plugin);
  }

  private static String allowed(Kafka kafka, String key) {
    String lower = key.toLowerCase(Locale.ENGLISH);
    if (FORBIDDEN_PREFIXES.stream().anyMatch(lower::startsWith) && !FORBIDDEN_PREFIX_EXCEPTIONS.contains(key)) {
      throw new IllegalArgumentException("Cannot configure " + key + " in Kafka " + kafka.getMetadata().getName()
          + ": Strimzi ignores it (forbidden prefixes: " + Arrays.toString(FORBIDDEN_PREFIXES.toArray()) + ")");
    }
    return key;
  }

  private static String text(Kafka kafka, String key, Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    throw new IllegalArgumentException("Cannot configure " + key + " in Kafka " + kafka.getMetadata().getName()
        + ": " + value + " is not a string, number or boolean");
  }
}
