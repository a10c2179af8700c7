package io.floe.e2e.strimzi;

import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.strimzi.api.kafka.model.common.template.ContainerEnvVar;
import io.strimzi.api.kafka.model.common.template.ContainerTemplate;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaClusterTemplate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The environment variables a {@code Kafka} resource gives its Kafka containers
 * ({@code spec.kafka.template.kafkaContainer.env}), each {@code secretKeyRef} read from the
 * secrets given, by secret name and key, as Kubernetes reads it from the namespace's secrets.
 */
public final class KafkaContainerEnvironment {
  private KafkaContainerEnvironment() {}

  public static Map<String, String> of(Kafka kafka, Map<String, Map<String, String>> secrets) {
    Map<String, String> environment = new TreeMap<>();
    Optional.ofNullable(kafka.getSpec().getKafka().getTemplate())
        .map(KafkaClusterTemplate::getKafkaContainer)
        .map(ContainerTemplate::getEnv)
        .ifPresent(variables -> variables.forEach(variable -> environment.put(variable.getName(), value(variable, secrets))));
    return environment;
  }

  private static String value(ContainerEnvVar variable, Map<String, Map<String, String>> secrets) {
    if (variable.getValueFrom() == null) {
      return variable.getValue();
    }
    SecretKeySelector reference = variable.getValueFrom().getSecretKeyRef();
    if (reference == null) {
      throw new IllegalArgumentException("Cannot set " + variable.getName() + ": only secretKeyRef is read here");
    }
    String value = secrets.getOrDefault(reference.getName(), Map.of()).get(reference.getKey());
    if (value == null) {
      throw new IllegalArgumentException("Cannot set " + variable.getName() + ": no key " + reference.getKey()
          + " in secret " + reference.getName() + " among " + secrets.keySet());
    }
    return value;
  }
}
