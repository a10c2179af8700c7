package io.floe.e2e.spark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spark SQL on a Floe warehouse, as an analyst runs it: a local Spark 3.5 with Iceberg's SQL
 * extensions (for {@code CALL floe.system.*}) and the warehouse's tables in the catalog
 * {@code floe}, so a topic's table is {@code floe.kafka.<table>}. Each call is one Spark session
 * in a JVM of its own, for all the statements it is given.
 *
 * <p>Rows come back as Spark writes them as JSON: column name to value, in column order; structs
 * as maps, arrays as lists, integers as {@code Long}, binary as base64 text, nulls kept.
 */
public final class SparkSql {
  private static final String HEAP = "768m";
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final TypeReference<LinkedHashMap<String, Object>> ROW = new TypeReference<>() {};

  private final SqlRunnerProcess runner;
  private final Path workDir;
  private int runs;

  private SparkSql(SqlRunnerProcess runner, Path workDir) {
    this.runner = runner;
    this.workDir = workDir;
  }

  /** Spark SQL on the Floe warehouse at {@code warehouse}; each run keeps its output in {@code workDir/run-<n>}. */
  public static SparkSql onWarehouse(Path warehouse, Path workDir) {
    return onWarehouse(warehouse, workDir, Map.of());
  }

  /** The same, with these {@code spark.*} settings over the harness's. */
  public static SparkSql onWarehouse(Path warehouse, Path workDir, Map<String, String> settings) {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.app.name", "floe-e2e");
    conf.put("spark.master", "local[2]");
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.sql.shuffle.partitions", "2");
    conf.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    // the rows are read back as JSON: a null column must be there, not left out
    conf.put("spark.sql.jsonGenerator.ignoreNullFields", "false");
    conf.putAll(new FloeSparkCatalog(warehouse).sparkConf());
    conf.putAll(settings);
    return new SparkSql(new SqlRunnerProcess(SparkDistribution.laidOut(), conf, HEAP), workDir);
  }

  /** The rows of one statement. */
  public List<Map<String, Object>> query(String statement) {
    return run(List.of(statement)).get(0);
  }

  /** Runs the statements in order in one Spark session; the rows of each, in the same order. */
  public List<List<Map<String, Object>>> run(List<String> statements) {
    Path runDir = workDir.resolve("run-" + ++runs);
    runner.run(runDir, statements);
    List<List<Map<String, Object>>> results = new ArrayList<>();
    for (int i = 1; i <= statements.size(); i++) {
      results.add(rows(runDir.resolve("results").resolve(i + ".jsonl")));
    }
    return results;
  }

  private static List<Map<String, Object>> rows(Path jsonLines) {
    try {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (String line : Files.readAllLines(jsonLines)) {
        rows.add(JSON.readValue(line, ROW));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the rows Spark wrote to " + jsonLines + ": " + e.getMessage(), e);
    }
  }
}
