package io.floe.plugin;

import io.floe.plugin.tool.FloeTool;
import io.floe.translator.KafkaSegment;
import io.floe.translator.SampleRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.server.log.remote.storage.RemoteStorageException;

/**
 * A warehouse on the embedded default (local files, a SQLite catalog) that the real remote storage
 * manager tiers segments into, the broker configuration file that configures it, and the
 * {@code floe} tool run in-process on that file.
 */
final class ToolWarehouse implements AutoCloseable {
  private final Path dir;
  private final Path warehouse;
  private final Path config;
  private final IcebergRemoteStorageManager rsm;

  ToolWarehouse(Path dir) {
    this(dir, Map.of());
  }

  /** @param settings Floe's keys besides the warehouse, in the manager's configuration and in the broker's file */
  ToolWarehouse(Path dir, Map<String, String> settings) {
    this.dir = dir;
    this.warehouse = dir.resolve("warehouse");
    List<String> lines = new ArrayList<>(List.of("rsm.config.iceberg.catalog.warehouse=file://" + warehouse));
    settings.forEach((key, value) -> lines.add("rsm.config." + key + "=" + value));
    this.config = writeConfig(dir.resolve("server.properties"), lines.toArray(String[]::new));
    Map<String, Object> configs = new HashMap<>(settings);
    configs.put("iceberg.catalog.warehouse", "file://" + warehouse);
    configs.put("broker.id", 1);
    rsm = new IcebergRemoteStorageManager();
    rsm.configure(configs);
  }

  /** Where the warehouse is. */
  Path warehouse() {
    return warehouse;
  }

  /** The remote storage manager that tiered the segments, as the broker's. */
  IcebergRemoteStorageManager rsm() {
    return rsm;
  }

  /** The broker's configuration file. */
  Path config() {
    return config;
  }

  /** A broker configuration file of these lines, beside the warehouse. */
  Path writeConfig(String name, String... lines) {
    return writeConfig(dir.resolve(name), lines);
  }

  private static Path writeConfig(Path file, String... lines) {
    try {
      Files.writeString(file, "broker.id=1\nremote.log.storage.system.enable=true\n"
          + "remote.log.storage.manager.class.name=io.floe.plugin.IcebergRemoteStorageManager\n"
          + String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Tiers a segment with a batch of every kind of partition {@code partition} of {@code topic}. */
  TieredSegment tier(String topic, int partition, long baseOffset) throws RemoteStorageException {
    return tier(TieredSegment.everyKind(dir, topic, partition, baseOffset));
  }

  /** Tiers a segment of partition 0 of {@code orders} with these batches, its offsets [base, end]. */
  TieredSegment tier(String name, long baseOffset, long endOffset, Consumer<KafkaSegment> batches)
      throws RemoteStorageException {
    return tier(name, 0, baseOffset, endOffset, batches);
  }

  /** Tiers a segment of a partition of {@code orders} with these batches, its offsets [base, end]. */
  TieredSegment tier(String name, int partition, long baseOffset, long endOffset, Consumer<KafkaSegment> batches)
      throws RemoteStorageException {
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir.resolve(name), baseOffset)) {
      batches.accept(segment);
      file = segment.path();
    }
    return tier(TieredSegment.of(file, "orders", partition, baseOffset, endOffset));
  }

  TieredSegment tier(TieredSegment segment) throws RemoteStorageException {
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    return segment;
  }

  /** The topic's table, loaded afresh. */
  Table table(String topic) {
    Map<String, String> properties = new HashMap<>();
    properties.put("type", "jdbc");
    properties.put("uri", "jdbc:sqlite:" + warehouse.resolve("floe-catalog.db"));
    properties.put("warehouse", "file://" + warehouse);
    properties.put("io-impl", "io.floe.plugin.storage.LocalFileIO");
    Catalog catalog = CatalogUtil.buildIcebergCatalog("floe", properties, null);
    return catalog.loadTable(TableIdentifier.of("kafka", topic));
  }

  /** {@code floe ARGS...}, in-process. */
  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = FloeTool.execute(new PrintWriter(out, true, StandardCharsets.UTF_8),
        new PrintWriter(err, true, StandardCharsets.UTF_8), args);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** What a run of the tool printed, and its exit status. */
  record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  static SimpleRecord[] records(int first, int count) {
    return LongStream.range(first, first + count).mapToObj(i -> new SimpleRecord(SampleRecords.T0 + i,
        SampleRecords.key((int) i), SampleRecords.text(20, (int) i))).toArray(SimpleRecord[]::new);
  }

  @Override
  public void close() throws IOException {
    rsm.close();
  }
}
