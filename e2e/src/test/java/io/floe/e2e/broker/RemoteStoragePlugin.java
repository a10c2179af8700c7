package io.floe.e2e.broker;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code RemoteStorageManager} a broker loads, in the shape Strimzi gives it: a class name, an
 * optional class path for Kafka's child-first plugin loader (none: the broker's own class path),
 * and its configuration, which the broker passes on under the {@code rsm.config.} prefix.
 */
public record RemoteStoragePlugin(String className, Optional<String> classPath, Map<String, String> config) {
  private static final String LOCAL_TIERED_STORAGE = "org.apache.kafka.server.log.remote.storage.LocalTieredStorage";

  public RemoteStoragePlugin {
    config = Map.copyOf(config);
  }

  /** A plugin whose jars are all in one directory, as a Floe distribution's. */
  public static RemoteStoragePlugin fromDirectory(String className, Path jars, Map<String, String> config) {
    return new RemoteStoragePlugin(className, Optional.of(jars + File.separator + "*"), config);
  }

  /**
   * Kafka's reference implementation, keeping segments as files under {@code remoteDir}, loaded from
   * the distribution's {@code local-tiered-storage/} jars rather than the broker's class path.
   */
  public static RemoteStoragePlugin localTieredStorage(KafkaDistribution distribution, Path remoteDir) {
    return fromDirectory(LOCAL_TIERED_STORAGE, distribution.localTieredStorage(), Map.of("dir", remoteDir.toString()));
  }

  /** The broker properties that load this plugin. */
  Map<String, String> brokerProperties() {
    Map<String, String> properties = new TreeMap<>();
    properties.put("remote.log.storage.manager.class.name", className);
    classPath.ifPresent(path -> properties.put("remote.log.storage.manager.class.path", path));
    properties.put("remote.log.storage.manager.impl.prefix", "rsm.config.");
    config.forEach((key, value) -> properties.put("rsm.config." + key, value));
    return properties;
  }
}
