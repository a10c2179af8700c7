package io.floe.plugin;

import static io.floe.plugin.ServedBytes.assertServedFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.translator.KafkaSegment;
import io.floe.translator.SampleRecords;
import io.floe.translator.registry.ConfluentRegistryServer;
import io.floe.translator.table.KafkaColumns;
import io.floe.translator.value.WireFormat;
import io.floe.translator.value.WireValue;
import io.floe.translator.value.avro.AvroBytes;
import io.floe.translator.value.avro.AvroValueCodec;
import io.floe.translator.value.avro.RandomAvro;
import io.floe.translator.value.json.JsonBytes;
import io.floe.translator.value.json.JsonValueCodec;
import io.floe.translator.value.json.RandomJson;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.avro.Schema;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;

/**
 * Segments of random Avro schemas, one after another into one topic's table, and of random JSON
 * schemas into another, so that each table's schema evolves through every kind of change: each is served back byte for byte by a broker that has no
 * registry, and each value the codec types exactly is a typed row.
 */
class TypedSegmentProperties {
  private static final String TOPIC = "random";
  private static final String JSON_TOPIC = "random_json";

  private static Path dir;
  private static ConfluentRegistryServer registry;
  private static IcebergRemoteStorageManager uploader;
  private static IcebergRemoteStorageManager fetcher;
  private static final Map<String, Long> nextOffsets = new HashMap<>();

  @BeforeContainer
  static void start() throws IOException {
    dir = Files.createTempDirectory("typed-segments");
    registry = ConfluentRegistryServer.start();
    uploader = manager(Map.of("schema.registry.url", registry.url()));
    fetcher = manager(Map.of());
  }

  @AfterContainer
  static void stop() throws IOException {
    uploader.close();
    fetcher.close();
    registry.close();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Property(tries = 25)
  void aSegmentOfAnySchemaIsServedExactlyAndTypedWhereItsCodecTypes(@ForAll("samples") Sample sample) throws Exception {
    int id = registry.register(TOPIC + "-value", null, sample.schema().toString());
    AvroValueCodec codec = AvroValueCodec.of(sample.schema());
    List<byte[]> payloads = sample.values().stream().map(value -> AvroBytes.write(sample.schema(), value)).toList();

    assertServedExactlyAndTyped(TOPIC, id, payloads, payload -> codec.typed(payload).isPresent());
  }

  /** Tiers the framed payloads as the topic's next segment, then fetches it without a registry. */
  private static void assertServedExactlyAndTyped(String topic, int schemaId, List<byte[]> payloads,
      Predicate<byte[]> typedByCodec) throws Exception {
    long base = nextOffsets.getOrDefault(topic, 0L);
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir.resolve(topic + "-" + base), base)) {
      for (int i = 0; i < payloads.size(); i++) {
        segment.plain(i % 2 == 0 ? Compression.NONE : Compression.zstd().build(), new SimpleRecord(SampleRecords.T0 + i,
            SampleRecords.key(i), WireFormat.encode(WireValue.of(schemaId, payloads.get(i)))));
      }
      file = segment.path();
      nextOffsets.put(topic, segment.nextOffset());
    }
    long end = nextOffsets.get(topic) - 1;
    TieredSegment tiered = TieredSegment.of(file, topic, 0, base, end);

    uploader.copyLogSegmentData(tiered.metadata(), tiered.data());

    try (InputStream in = fetcher.fetchLogSegment(tiered.metadata(), 0)) {
      assertServedFrom(file, 0, in.readAllBytes());
    }
    assertEquals(payloads.stream().filter(typedByCodec).count(), typedRows(topic, base, end), "typed rows");
  }

  @Property(tries = 25)
  void aSegmentOfAnyJsonSchemaIsServedExactlyAndTypedWhereItsCodecTypes(@ForAll("jsonSamples") JsonSample sample)
      throws Exception {
    int id = registry.register(JSON_TOPIC + "-value", "JSON", sample.shape().schema());
    JsonValueCodec codec = JsonValueCodec.of(new RegisteredSchema(id, SchemaType.JSON, sample.shape().schema(),
        Optional.empty(), List.of()));
    List<byte[]> payloads = sample.values().stream().map(JsonBytes::write).toList();

    assertServedExactlyAndTyped(JSON_TOPIC, id, payloads, payload -> codec.typed(payload).isPresent());
  }

  @Provide
  Arbitrary<JsonSample> jsonSamples() {
    return RandomJson.schemas().flatMap(shape ->
        shape.javaValues().list().ofMinSize(1).ofMaxSize(6).map(values -> new JsonSample(shape, values)));
  }

  record JsonSample(RandomJson.Shape shape, List<Object> values) {}

  @Provide
  Arbitrary<Sample> samples() {
    return RandomAvro.schemas().flatMap(schema ->
        RandomAvro.values(schema).list().ofMinSize(1).ofMaxSize(6).map(values -> new Sample(schema, values)));
  }

  record Sample(Schema schema, List<Object> values) {}

  private static long typedRows(String topic, long from, long to) throws IOException {
    Table table = CatalogUtil.buildIcebergCatalog("floe", Map.of(
            "type", "jdbc", "uri", "jdbc:sqlite:" + dir.resolve("warehouse").resolve("floe-catalog.db"),
            "warehouse", "file://" + dir.resolve("warehouse"), "io-impl", "io.floe.plugin.storage.LocalFileIO"), null)
        .loadTable(TableIdentifier.of("kafka", topic));
    String offset = KafkaColumns.KAFKA + "." + KafkaColumns.OFFSET;
    long typed = 0;
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table)
        .where(Expressions.and(Expressions.greaterThanOrEqual(offset, from), Expressions.lessThanOrEqual(offset, to)))
        .build()) {
      for (Record row : rows) {
        Record kafka = (Record) row.getField(KafkaColumns.KAFKA);
        long at = (Long) kafka.getField(KafkaColumns.OFFSET);
        if (at >= from && at <= to && kafka.getField(KafkaColumns.VALUE_RAW) == null) {
          typed++;
        }
      }
    }
    return typed;
  }

  private static IcebergRemoteStorageManager manager(Map<String, String> extra) {
    Map<String, Object> configs = new HashMap<>(extra);
    configs.put("iceberg.catalog.warehouse", "file://" + dir.resolve("warehouse"));
    configs.put("broker.id", 1);
    IcebergRemoteStorageManager manager = new IcebergRemoteStorageManager();
    manager.configure(configs);
    return manager;
  }
}
