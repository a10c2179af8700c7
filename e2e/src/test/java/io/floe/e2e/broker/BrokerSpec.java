package io.floe.e2e.broker;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a test asks of a broker: the Kafka release it runs, the {@code RemoteStorageManager} it
 * tiers to, any broker property to set over the single-node defaults, and environment variables
 * for its process (which config providers such as Kafka's {@code EnvVarConfigProvider} read).
 */
public record BrokerSpec(KafkaDistribution distribution, RemoteStoragePlugin remoteStorage, Map<String, String> overrides,
    Map<String, String> environment) {

  public BrokerSpec {
    overrides = Map.copyOf(overrides);
    environment = Map.copyOf(environment);
  }

  public static BrokerSpec of(KafkaDistribution distribution, RemoteStoragePlugin remoteStorage) {
    return new BrokerSpec(distribution, remoteStorage, Map.of(), Map.of());
  }

  public BrokerSpec withProperty(String key, String value) {
    return withProperties(Map.of(key, value));
  }

  public BrokerSpec withProperties(Map<String, String> properties) {
    Map<String, String> more = new TreeMap<>(overrides);
    more.putAll(properties);
    return new BrokerSpec(distribution, remoteStorage, more, environment);
  }

  public BrokerSpec withEnvironment(Map<String, String> variables) {
    Map<String, String> more = new TreeMap<>(environment);
    more.putAll(variables);
    return new BrokerSpec(distribution, remoteStorage, overrides, more);
  }
}
