package io.floe.e2e.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Runs SQL statements in one local Spark session and writes each statement's rows as JSON lines
 * to {@code <results>/<n>.jsonl}. The session is configured entirely by {@code spark.*} system
 * properties, so the tests own every setting. A failed statement ends the run with exit code 1.
 *
 * <p>Usage: {@code SqlRunner <results directory> <statement>...}
 */
public final class SqlRunner {
  private SqlRunner() {}

  public static void main(String[] args) throws IOException {
    Path results = Path.of(args[0]);
    Files.createDirectories(results);
    try (SparkSession spark = SparkSession.builder().getOrCreate()) {
      for (int i = 1; i < args.length; i++) {
        String statement = args[i];
        try {
          Files.write(results.resolve(i + ".jsonl"), spark.sql(statement).toJSON().collectAsList(), StandardCharsets.UTF_8);
        } catch (Exception e) {
          // the reason last, where the tests look for it: at the end of the error output
          e.printStackTrace();
          System.err.println("Cannot run statement " + i + " (" + statement + "): " + e);
          System.exit(1);
        }
      }
    }
  }
}
