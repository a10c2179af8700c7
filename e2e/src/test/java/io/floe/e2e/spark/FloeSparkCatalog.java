package io.floe.e2e.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spark settings that make a Floe warehouse on the embedded default (a SQLite catalog in a local
 * warehouse) Spark's catalog {@code floe}: the plugin's own catalog properties, with Iceberg's
 * default FileIO for the JDBC catalog, {@code HadoopFileIO}, in place of Floe's {@code LocalFileIO}
 * (which is not on Spark's class path); it reads the tables' absolute {@code file:} locations alike.
 */
public record FloeSparkCatalog(Path warehouse) {
  /**
   * The JDBC catalog keeps each table under its catalog's name, so Spark's catalog must have the
   * name Floe's has ({@code iceberg.catalog.name}, {@code floe} by default).
   */
  public static final String NAME = "floe";

  private static final String PREFIX = "spark.sql.catalog." + NAME;

  /** The {@code spark.sql.catalog.floe*} settings, in the order a command line shows them. */
  public Map<String, String> sparkConf() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put(PREFIX, "org.apache.iceberg.spark.SparkCatalog");
    conf.put(PREFIX + ".type", "jdbc");
    conf.put(PREFIX + ".uri", "jdbc:sqlite:" + warehouse.resolve("floe-catalog.db"));
    conf.put(PREFIX + ".warehouse", warehouse.toUri().toString());
    return conf;
  }
}
