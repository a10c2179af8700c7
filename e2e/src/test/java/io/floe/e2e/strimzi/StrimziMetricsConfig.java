package io.floe.e2e.strimzi;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.strimzi.api.kafka.model.common.metrics.JmxPrometheusExporterMetrics;
import io.strimzi.api.kafka.model.kafka.Kafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The Prometheus JMX exporter's configuration a Kafka resource's {@code metricsConfig} gives its
 * brokers, as Strimzi finds it: the key of the ConfigMap it names, read from the example file of
 * that ConfigMap with Kubernetes' own model (a field it does not know fails).
 */
public final class StrimziMetricsConfig {
  private StrimziMetricsConfig() {}

  /** The exporter configuration of {@code kafka}, from the ConfigMap in {@code configMapFile}. */
  public static String of(Kafka kafka, Path configMapFile) {
    if (!(kafka.getSpec().getKafka().getMetricsConfig() instanceof JmxPrometheusExporterMetrics metrics)) {
      throw new IllegalArgumentException("Cannot find the exporter configuration of Kafka "
          + kafka.getMetadata().getName() + ": its metricsConfig is not of type jmxPrometheusExporter");
    }
    ConfigMapKeySelector reference = metrics.getValueFrom().getConfigMapKeyRef();
    ConfigMap configMap;
    try {
      configMap = UnknownFields.rejected(StrimziManifest.YAML.readValue(configMapFile.toFile(), ConfigMap.class),
          configMapFile.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the ConfigMap of " + configMapFile, e);
    }
    if (!reference.getName().equals(configMap.getMetadata().getName())
        || !configMap.getData().containsKey(reference.getKey())) {
      throw new IllegalArgumentException("Cannot find the exporter configuration of Kafka "
          + kafka.getMetadata().getName() + ": it names key " + reference.getKey() + " of ConfigMap "
          + reference.getName() + ", and " + configMapFile + " is ConfigMap " + configMap.getMetadata().getName()
          + " with keys " + configMap.getData().keySet());
    }
    return configMap.getData().get(reference.getKey());
  }
}
