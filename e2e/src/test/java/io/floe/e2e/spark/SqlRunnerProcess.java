package io.floe.e2e.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of the distribution's {@code SqlRunner} in a JVM of its own, with the {@code java} of the
 * test's JVM: one Spark session for all the statements given, configured by {@code -Dspark.*}.
 */
final class SqlRunnerProcess {
  private static final String MAIN_CLASS = "io.floe.e2e.spark.SqlRunner";
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final int STDERR_TAIL_LINES = 20;
  // What Spark 3.5's launcher adds on Java 17 (JavaModuleOptions), since no launcher runs here.
  private static final List<String> JAVA_17_OPTIONS = List.of(
      "-XX:+IgnoreUnrecognizedVMOptions",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
      "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "-Djdk.reflect.useDirectMethodHandle=false",
      "-Dio.netty.tryReflectionSetAccessible=true");

  private final SparkDistribution spark;
  private final Map<String, String> sparkConf;
  private final String heap;

  SqlRunnerProcess(SparkDistribution spark, Map<String, String> sparkConf, String heap) {
    this.spark = spark;
    this.sparkConf = Map.copyOf(sparkConf);
    this.heap = heap;
  }

  /**
   * Runs {@code statements} in order, their rows written to {@code <runDir>/results/<n>.jsonl}
   * (n from 1); output and error go to {@code stdout.log} and {@code stderr.log} there. A failed
   * statement, a non-zero exit or a run past the timeout fails with the tail of the error output.
   */
  void run(Path runDir, List<String> statements) {
    Path stdout = runDir.resolve("stdout.log");
    Path stderr = runDir.resolve("stderr.log");
    Process process = start(runDir, statements, stdout, stderr);
    try {
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException(String.format("Cannot run %d Spark SQL statements %s: still running after %s;"
            + " output in %s and %s", statements.size(), statements, TIMEOUT, stdout, stderr));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running Spark SQL " + statements, e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(String.format("Cannot run Spark SQL %s: exit code %d; the last lines of %s:%n%s",
          statements, process.exitValue(), stderr, tail(stderr)));
    }
  }

  private Process start(Path runDir, List<String> statements, Path stdout, Path stderr) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-XX:TieredStopAtLevel=1"); // a short-lived JVM: C1 alone starts Spark seconds sooner
    command.addAll(JAVA_17_OPTIONS);
    sparkConf.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(spark.classPath());
    command.add(MAIN_CLASS);
    command.add(runDir.resolve("results").toString());
    command.addAll(statements);
    try {
      Files.createDirectories(runDir);
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(runDir.toFile())
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile());
      // Spark otherwise looks up the host's address and warns when it is a loopback one.
      builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Spark SQL in " + runDir + ": " + e.getMessage(), e);
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - STDERR_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
