package io.floe.e2e.broker;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a test asks of a broker: the Kafka release it runs, the {@code RemoteStorageManager} it
 * tiers to, and any broker property to set over the single-node defaults.
 */
public record BrokerSpec(KafkaDistribution distribution, RemoteStoragePlugin remoteStorage, Map<String, String> overrides) {

  public BrokerSpec {
    overrides = Map.copyOf(overrides);
  }

  public static BrokerSpec of(KafkaDistribution distribution, RemoteStoragePlugin remoteStorage) {
    return new BrokerSpec(distribution, remoteStorage, Map.of());
  }

  public BrokerSpec withProperty(String key, String value) {
    Map<String, String> more = new TreeMap<>(overrides);
    more.put(key, value);
    return new BrokerSpec(distribution, remoteStorage, more);
  }
}
