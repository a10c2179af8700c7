package io.floe.e2e.quickstart;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.floe.TableRows;
import io.floe.e2e.spark.FloeSparkCatalog;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.topic.TieringProgress;
import io.floe.translator.table.KafkaColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code ./quickstart}: a local broker with Floe on the embedded default, a topic tiered into an
 * Iceberg table, its records consumed back from that table's files, and the table shown.
 */
public final class Quickstart {
  private static final String TOPIC = "orders";
  private static final int EVENTS = 3_000;
  private static final int BATCHES_PER_SEGMENT = 20;
  private static final Duration TIERING_TIMEOUT = Duration.ofMinutes(3);

  private final Path workDir;
  private String lastProgress;

  private Quickstart(Path workDir) {
    this.workDir = workDir;
  }

  public static void main(String[] args) throws Exception {
    List<String> options = Arrays.asList(args);
    Path workDir = Path.of(System.getProperty("quickstart.dir", "quickstart-work")).toAbsolutePath();
    try {
      new Quickstart(workDir).run(options.contains("--keep-running"));
    } catch (RuntimeException e) {
      System.err.println();
      System.err.println("The quickstart failed: " + e.getMessage());
      System.err.println("Everything it wrote is in " + workDir + " (the broker's logs in broker/logs/).");
      System.exit(1);
    }
  }

  private void run(boolean keepRunning) throws Exception {
    deleteRecursively(workDir);
    Path warehouse = workDir.resolve("warehouse");
    KafkaDistribution kafka = KafkaDistribution.current();
    step("Starting a Kafka " + kafka.version() + " broker with Floe on the embedded default"
        + " (a SQLite catalog and a local warehouse) in " + workDir);
    BrokerSpec spec = BrokerSpec.of(kafka, FloeDistribution.built().withWarehouse(warehouse, Map.of()));
    KafkaBroker broker = KafkaBroker.start(spec, workDir.resolve("broker"));
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close));

    step("Creating topic '" + TOPIC + "' with tiering on and small segments (about "
        + BATCHES_PER_SEGMENT + " batches each)");
    TieredTopic topic = TieredTopic.named(TOPIC, BATCHES_PER_SEGMENT).create(broker);

    step("Producing " + EVENTS + " sample order events");
    OrderEvents.produce(broker.bootstrapServers(), TOPIC, 0, EVENTS);
    Map<TopicPartition, Long> end = topic.endOffsets(broker);
    // a last segment, so the one before it rolls
    OrderEvents.produce(broker.bootstrapServers(), TOPIC, EVENTS, BATCHES_PER_SEGMENT + 1);

    step("Waiting until Floe has tiered them into Iceberg and the broker has deleted its local copies");
    topic.awaitTieredBefore(broker, end, TIERING_TIMEOUT, this::showProgress);
    long earliestLocal = end.values().iterator().next();

    step("Consuming '" + TOPIC + "' from offset 0 (CRCs checked)");
    List<ConsumerRecord<byte[], byte[]>> consumed = consume(broker, EVENTS);
    checkIdentical(consumed);
    System.out.printf("  %d records consumed, each identical to what was produced. Offsets 0-%d are no longer on"
        + " the broker's disk: Floe served them from the Iceberg table's files.%n", consumed.size(), earliestLocal - 1);
    System.out.println("  first: offset 0, key " + text(consumed.get(0).key()) + ", value " + text(consumed.get(0).value()));

    String table = tableOf(warehouse);
    List<Record> rows = TableRows.whole(warehouse, table);
    long typed = rows.stream().filter(row -> kafka(row).getField(KafkaColumns.VALUE_RAW) == null).count();
    step("The Iceberg table kafka." + table + " holds " + rows.size() + " rows, with columns inferred from the"
        + " events' JSON (" + typed + " rows typed, each value still served byte for byte); the first few:");
    String format = "  %-6s %-29s %-12s %-8s %-12s %-7s %s%n";
    System.out.printf(format, "offset", "timestamp", "key_text", "order_id", "customer", "amount", "currency");
    rows.stream().sorted(Comparator.comparingLong(row -> (Long) kafka(row).getField(KafkaColumns.OFFSET))).limit(5)
        .forEach(row -> System.out.printf(format, kafka(row).getField(KafkaColumns.OFFSET),
            kafka(row).getField(KafkaColumns.TIMESTAMP), kafka(row).getField(KafkaColumns.KEY_TEXT),
            row.getField("order_id"), row.getField("customer"), row.getField("amount"), row.getField("currency")));

    step("Point any Iceberg engine at the same catalog and warehouse; with Spark 3.5, for example:");
    System.out.println(sparkCommand(warehouse, table));

    if (keepRunning) {
      step("The broker keeps running at " + broker.bootstrapServers() + "; press Ctrl-C to stop it.");
      new CountDownLatch(1).await();
    }
    step("Stopping the broker. The warehouse stays in " + warehouse);
    broker.close();
  }

  /** Every consumed record is the one produced at its offset (the producer wrote offset i as event i). */
  private static void checkIdentical(List<ConsumerRecord<byte[], byte[]>> consumed) {
    for (int i = 0; i < consumed.size(); i++) {
      ConsumerRecord<byte[], byte[]> record = consumed.get(i);
      if (record.offset() != i || !Arrays.equals(OrderEvents.key(i), record.key())
          || !Arrays.equals(OrderEvents.value(i), record.value())) {
        throw new IllegalStateException("The record at offset " + record.offset() + " is not the one produced there");
      }
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> consume(KafkaBroker broker, int count) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.CHECK_CRCS_CONFIG, "true");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.seek(partition, 0);
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    if (records.size() < count) {
      throw new IllegalStateException("Only " + records.size() + " of " + count + " records came back within a minute");
    }
    return records.subList(0, count);
  }

  /** One line each time tiering moves on, readable in a terminal and in a log alike. */
  private void showProgress(Collection<TieringProgress> progress) {
    TieringProgress p = progress.iterator().next();
    String tiered = p.latestTiered() < 0 ? "nothing tiered yet" : "tiered through offset " + p.latestTiered();
    String line = String.format("  %s (log ends at %d); earliest offset still on local disk: %d",
        tiered, p.logEnd() - 1, p.earliestLocal());
    if (!line.equals(lastProgress)) {
      System.out.println(line);
      lastProgress = line;
    }
  }

  private static String tableOf(Path warehouse) throws IOException {
    try (Stream<Path> tables = Files.list(warehouse.resolve("kafka"))) {
      return tables.map(p -> p.getFileName().toString()).findFirst()
          .orElseThrow(() -> new IllegalStateException("No table in " + warehouse));
    }
  }

  private static String sparkCommand(Path warehouse, String table) {
    List<String> lines = new ArrayList<>();
    lines.add("  spark-sql --packages org.apache.iceberg:iceberg-spark-runtime-3.5_2.12:1.11.0,org.xerial:sqlite-jdbc:3.50.3.0");
    new FloeSparkCatalog(warehouse).sparkConf().forEach((key, value) -> lines.add("    --conf " + key + "=" + value));
    lines.add("    -e \"" + sparkQuery(table) + "\"");
    return String.join(" \\\n", lines);
  }

  /** The query the printed Spark command runs; {@code SparkSqlIT} runs it with the same catalog settings. */
  public static String sparkQuery(String table) {
    return "SELECT _kafka.offset, _kafka.key_text AS key, " + String.join(", ", OrderEvents.COLUMNS) + " FROM "
        + FloeSparkCatalog.NAME + ".kafka." + table + " ORDER BY _kafka.offset LIMIT 10";
  }

  private static Record kafka(Record row) {
    return (Record) row.getField(KafkaColumns.KAFKA);
  }

  private static void step(String message) {
    System.out.println();
    System.out.println("==> " + message);
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
  }


  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clear " + dir + ": " + e.getMessage(), e);
    }
  }
}
