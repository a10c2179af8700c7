package io.floe.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.jmx.JmxCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.server.log.remote.storage.RemoteStorageException;
import org.apache.kafka.server.log.remote.storage.RemoteStorageManager.IndexType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The monitoring examples of deploy/: the Prometheus JMX exporter's rules, run by the exporter's
 * own collector on the MBeans of a manager that copied, fetched and failed as a broker's does; the
 * Strimzi ConfigMap that carries them; and the Grafana dashboard's queries.
 */
class ExporterRulesTest {
  private static final String BROKER = "exporter-test";
  private static final Path MONITORING = Path.of(System.getProperty("floe.deploy", "../deploy")).resolve("monitoring");
  private static final Path STRIMZI_METRICS = MONITORING.resolveSibling("strimzi").resolve("floe-metrics-config.yaml");
  private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

  @TempDir
  Path dir;

  private IcebergRemoteStorageManager rsm;

  /**
   * A manager with a metric of every MBean: copies of a table and a classic segment, a fetch, an
   * index fetch, a deletion, and failed copies, fetches and deletions (overrides that give payments
   * two value formats and orders two retentions).
   */
  @BeforeEach
  void tierFetchAndFail() throws Exception {
    rsm = new EmbeddedWarehouse(dir.resolve("warehouse")).manager(BROKER,
        Map.of("iceberg.topics", "orders|payments", "value.format.overrides", "pay.*:raw,.*ments:avro",
            "table.retention.overrides", "ord.*:keep,.*ers:follow-kafka"));
    TieredSegment order = TieredSegment.everyKind(dir, "orders", 0, 0);
    TieredSegment log = TieredSegment.everyKind(dir, "logs", 0, 0);
    rsm.copyLogSegmentData(order.metadata(), order.data());
    rsm.copyLogSegmentData(log.metadata(), log.data());
    rsm.fetchLogSegment(order.metadata(), 0).close();
    rsm.fetchIndex(order.metadata(), IndexType.OFFSET).close();
    rsm.deleteLogSegmentData(log.metadata());
    TieredSegment payment = TieredSegment.everyKind(dir, "payments", 0, 0);
    assertThrows(RemoteStorageException.class, () -> rsm.copyLogSegmentData(payment.metadata(), payment.data()));
    assertThrows(RemoteStorageException.class, () -> rsm.fetchLogSegment(payment.metadata(), 0));
    assertThrows(RemoteStorageException.class, () -> rsm.deleteLogSegmentData(order.metadata()));
  }

  @AfterEach
  void close() throws IOException {
    rsm.close();
  }

  @Test
  void theRulesExportEveryAttributeOfFloesMBeansAsAFloeMetricWithItsTagsAsLabels() throws Exception {
    List<Exported> exported = exported(Files.readString(MONITORING.resolve("floe-jmx-exporter.yaml")));

    assertEquals(attributes(), exported.size(), "one sample per attribute of the broker's Floe MBeans: " + exported);
    for (Exported sample : exported) {
      assertTrue(sample.name().startsWith("floe_"), sample.toString());
      assertTrue(sample.labels().keySet().containsAll(Set.of("topic", "broker")), sample.toString());
    }
    assertTrue(exported.contains(new Exported("floe_copy_failures_total",
        Map.of("topic", "payments", "broker", BROKER, "error", "fatal"))), exported.toString());
    assertTrue(exported.contains(new Exported("floe_index_fetch_total",
        Map.of("topic", "orders", "broker", BROKER, "index", "offset"))), exported.toString());
    assertTrue(exported.contains(new Exported("floe_main_lag_offsets",
        Map.of("topic", "orders", "broker", BROKER, "partition", "0"))), exported.toString());
  }

  @Test
  void theStrimziConfigMapExportsFloesMetricsWithTheSameRules() throws Exception {
    Map<String, Object> configMap = new Yaml().load(Files.readString(STRIMZI_METRICS));
    String config = (String) ((Map<?, ?>) configMap.get("data")).get("metrics-config.yml");
    List<?> strimziRules = (List<?>) ((Map<?, ?>) new Yaml().load(config)).get("rules");
    List<?> floeRules = (List<?>) ((Map<?, ?>) new Yaml().load(
        Files.readString(MONITORING.resolve("floe-jmx-exporter.yaml")))).get("rules");

    assertEquals(floeRules, strimziRules.subList(0, floeRules.size()));
    assertEquals(attributes(), exported(config).size());
  }

  @Test
  void theDashboardQueriesOnlyMetricsTheConfigMapExports() throws Exception {
    Map<String, Object> configMap = new Yaml().load(Files.readString(STRIMZI_METRICS));
    Set<String> names = new TreeSet<>();
    exported((String) ((Map<?, ?>) configMap.get("data")).get("metrics-config.yml"))
        .forEach(sample -> names.add(sample.name()));
    JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("floe-grafana-dashboard.json").toFile());

    List<String> queried = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        Matcher metric = Pattern.compile("floe_[a-z_]+").matcher(target.get("expr").asText());
        while (metric.find()) {
          queried.add(metric.group());
        }
      }
    }

    assertTrue(queried.size() >= 10, queried.toString());
    for (String metric : queried) {
      assertTrue(names.contains(metric), () -> metric + " is not exported; the exporter gives " + names);
    }
  }

  /** The samples of this test's broker that the exporter's collector gives with {@code config}, by their exposed names. */
  private static List<Exported> exported(String config) throws Exception {
    List<Exported> exported = new ArrayList<>();
    PrometheusRegistry registry = new PrometheusRegistry();
    new JmxCollector(config).register(registry);
    for (MetricSnapshot snapshot : registry.scrape()) {
      // the text format gives a counter's samples the suffix the snapshot's name leaves out
      String name = snapshot instanceof CounterSnapshot ? snapshot.getMetadata().getPrometheusName() + "_total"
          : snapshot.getMetadata().getPrometheusName();
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        if (BROKER.equals(point.getLabels().get("broker"))) {
          Map<String, String> labels = new HashMap<>();
          point.getLabels().forEach(label -> labels.put(label.getName(), label.getValue()));
          exported.add(new Exported(name, labels));
        }
      }
    }
    return exported;
  }

  /** The attributes of this test's broker's Floe MBeans. */
  private static int attributes() throws Exception {
    int attributes = 0;
    for (ObjectName name : JMX.queryNames(new ObjectName("io.floe:broker=" + BROKER + ",*"), null)) {
      MBeanAttributeInfo[] info = JMX.getMBeanInfo(name).getAttributes();
      attributes += info.length;
    }
    return attributes;
  }

  private record Exported(String name, Map<String, String> labels) {}
}
