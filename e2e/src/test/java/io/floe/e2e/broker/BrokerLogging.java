package io.floe.e2e.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Sends a broker's log to {@code server.log} in its work directory, at INFO: through log4j 2 on
 * Kafka 4, through log4j 1 (reload4j) on Kafka 3.
 */
final class BrokerLogging {
  private static final String PATTERN = "[%d] %p %m (%c)%n";

  private BrokerLogging() {
  }

  /** Writes the logging configuration into {@code configDir}; returns the JVM options that load it. */
  static List<String> configure(KafkaDistribution distribution, Path configDir, Path serverLog) {
    if (distribution.majorVersion() >= 4) {
      Path config = PropertiesFile.write(configDir.resolve("log4j2.properties"), Map.of(
          "appender.file.type", "File",
          "appender.file.name", "file",
          "appender.file.fileName", serverLog.toString(),
          "appender.file.layout.type", "PatternLayout",
          "appender.file.layout.pattern", PATTERN,
          "rootLogger.level", "INFO",
          "rootLogger.appenderRef.file.ref", "file"));
      return List.of("-Dlog4j2.configurationFile=" + config);
    }
    Path config = PropertiesFile.write(configDir.resolve("log4j.properties"), Map.of(
        "log4j.rootLogger", "INFO, file",
        "log4j.appender.file", "org.apache.log4j.FileAppender",
        "log4j.appender.file.File", serverLog.toString(),
        "log4j.appender.file.layout", "org.apache.log4j.PatternLayout",
        "log4j.appender.file.layout.ConversionPattern", PATTERN));
    return List.of("-Dlog4j.configuration=" + config.toUri());
  }
}
