package io.floe.e2e.spark;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local Spark the {@code spark} profile lays out in {@code e2e/target/spark-3.5}: Spark SQL,
 * Iceberg's Spark runtime, the SQLite JDBC driver and the {@code SqlRunner} jar, all in
 * {@code lib/}.
 */
public record SparkDistribution(Path home) {
  static final String HOME_PROPERTY = "floe.spark.home";

  /** The distribution the build laid out; only the {@code spark} profile lays one out. */
  public static SparkDistribution laidOut() {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null || !Files.isDirectory(Path.of(home, "lib"))) {
      throw new IllegalStateException(String.format(
          "Cannot find a Spark distribution at %s (system property %s): the spark profile lays it out"
              + " (./mvnw -Pspark verify -pl e2e -am)", home, HOME_PROPERTY));
    }
    return new SparkDistribution(Path.of(home));
  }

  public Path lib() {
    return home.resolve("lib");
  }

  /** Every jar of {@code lib/}. */
  public String classPath() {
    return lib() + File.separator + "*";
  }
}
