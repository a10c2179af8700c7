package io.floe.e2e.broker;

import io.prometheus.jmx.JmxCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MalformedObjectNameException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The JMX of a broker process, as a monitoring agent reads it: the JVM's own remote agent on one
 * loopback port, without authentication or TLS (a test's broker only). Each read opens a
 * connection of its own, so that a restarted broker is read afresh.
 */
public record BrokerJmx(int port) {
  static BrokerJmx free() {
    return new BrokerJmx(LoopbackPorts.free());
  }

  /** The broker JVM's options that start the agent; the RMI objects share its port, so one port is all. */
  List<String> jvmOptions() {
    return List.of("-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.rmi.port=" + port,
        "-Dcom.sun.management.jmxremote.host=" + BrokerPorts.LOOPBACK,
        "-Djava.rmi.server.hostname=" + BrokerPorts.LOOPBACK,
        "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false");
  }

  /** The MBeans whose names match {@code pattern}. */
  public Set<ObjectName> names(String pattern) {
    return read(server -> server.queryNames(new ObjectName(pattern), null));
  }

  /** The attribute {@code attribute} of the one MBean whose name matches {@code pattern}, as a number. */
  public double number(String pattern, String attribute) {
    return read(server -> {
      Set<ObjectName> names = server.queryNames(new ObjectName(pattern), null);
      if (names.size() != 1) {
        throw new IllegalStateException("Expected one MBean matching " + pattern + ", found " + names);
      }
      return ((Number) server.getAttribute(names.iterator().next(), attribute)).doubleValue();
    });
  }

  /** Every MBean whose name matches {@code pattern}, as text: its name, and each attribute's name and value. */
  public String text(String pattern) {
    return read(server -> {
      StringBuilder text = new StringBuilder();
      for (ObjectName name : server.queryNames(new ObjectName(pattern), null)) {
        text.append(name).append('\n');
        for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
          text.append("  ").append(attribute.getName()).append(" = ")
              .append(server.getAttribute(name, attribute.getName())).append('\n');
        }
      }
      return text.toString();
    });
  }

  /**
   * The samples the Prometheus JMX exporter gives with {@code exporterConfig} (its YAML), as its
   * standalone server scrapes this JMX: by the names the text format exposes, a counter's with the
   * suffix {@code _total}.
   */
  public List<ExportedSample> exported(String exporterConfig) {
    PrometheusRegistry registry = new PrometheusRegistry();
    try {
      new JmxCollector("jmxUrl: " + url() + "\n" + exporterConfig).register(registry);
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException("Cannot read the exporter configuration: " + e.getMessage(), e);
    }
    List<ExportedSample> samples = new ArrayList<>();
    for (MetricSnapshot snapshot : registry.scrape()) {
      String name = snapshot.getMetadata().getPrometheusName() + (snapshot instanceof CounterSnapshot ? "_total" : "");
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        Map<String, String> labels = new HashMap<>();
        point.getLabels().forEach(label -> labels.put(label.getName(), label.getValue()));
        samples.add(new ExportedSample(name, labels, valueOf(point)));
      }
    }
    return samples;
  }

  private static double valueOf(DataPointSnapshot point) {
    if (point instanceof CounterSnapshot.CounterDataPointSnapshot counter) {
      return counter.getValue();
    }
    if (point instanceof GaugeSnapshot.GaugeDataPointSnapshot gauge) {
      return gauge.getValue();
    }
    throw new IllegalArgumentException("Cannot read the value of a " + point.getClass().getSimpleName()
        + ": the exporter's rules give counters and gauges only");
  }

  /** One sample a Prometheus exporter exposes. */
  public record ExportedSample(String name, Map<String, String> labels, double value) {}

  private JMXServiceURL url() {
    try {
      return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + BrokerPorts.LOOPBACK + ":" + port + "/jmxrmi");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> T read(Read<T> read) {
    JMXServiceURL url = url();
    try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
      return read.from(connector.getMBeanServerConnection());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the broker's JMX at " + url, e);
    } catch (JMException e) {
      throw new IllegalStateException("Cannot read the broker's JMX at " + url + ": " + e.getMessage(), e);
    }
  }

  private interface Read<T> {
    T from(MBeanServerConnection server) throws IOException, JMException;
  }
}
