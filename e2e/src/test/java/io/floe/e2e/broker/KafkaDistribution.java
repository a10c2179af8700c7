package io.floe.e2e.broker;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A Kafka release as the build lays it out in {@code e2e/target/kafka-<version>}: the broker's
 * jars in {@code libs/}, and Kafka's reference {@code LocalTieredStorage} apart in
 * {@code local-tiered-storage/}, so that a broker loads it through its plugin class path.
 */
public record KafkaDistribution(String version, Path home) {
  private static final String LAYOUT = "/io/floe/e2e/distributions.properties";

  /** The release Floe is built against. */
  public static KafkaDistribution current() {
    return laidOut("kafka.version");
  }

  /** The oldest release Floe must load and work on. */
  public static KafkaDistribution oldestSupported() {
    return laidOut("kafka39.version");
  }

  /** The release of the Strimzi image that deploy/strimzi's examples run. */
  public static KafkaDistribution ofStrimziImage() {
    return laidOut("strimzi.kafka.version");
  }

  public Path libs() {
    return home.resolve("libs");
  }

  public Path localTieredStorage() {
    return home.resolve("local-tiered-storage");
  }

  /** The broker's class path: every jar of {@code libs/}, as {@code kafka-run-class.sh} has it. */
  public String classPath() {
    return libs() + File.separator + "*";
  }

  public int majorVersion() {
    return Integer.parseInt(version.substring(0, version.indexOf('.')));
  }

  @Override
  public String toString() {
    return "Kafka " + version;
  }

  private static KafkaDistribution laidOut(String versionKey) {
    Properties layout = layout();
    String version = layout.getProperty(versionKey);
    KafkaDistribution distribution =
        new KafkaDistribution(version, Path.of(layout.getProperty("distributions.dir"), "kafka-" + version));
    if (!Files.isDirectory(distribution.libs())) {
      throw new IllegalStateException(String.format(
          "Cannot find %s at %s: the build lays it out in generate-test-resources (./mvnw -pl e2e verify)",
          distribution, distribution.libs()));
    }
    return distribution;
  }

  private static Properties layout() {
    try (InputStream in = KafkaDistribution.class.getResourceAsStream(LAYOUT)) {
      if (in == null) {
        throw new IllegalStateException("Cannot find " + LAYOUT + " on the class path: the build writes it from src/test/resources");
      }
      Properties layout = new Properties();
      layout.load(in);
      return layout;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + LAYOUT, e);
    }
  }
}
