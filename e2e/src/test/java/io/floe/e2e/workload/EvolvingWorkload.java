package io.floe.e2e.workload;

import io.floe.e2e.broker.KafkaService;
import io.floe.e2e.topic.TieredTopic;
import io.floe.translator.registry.ConfluentRegistryServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces orders to partition 0 of a typed topic as a producer whose schema evolves: values of
 * schema V1, then (the evolution) a batch of values that cannot be typed and values of schema V2,
 * each schema registered under the topic's value subject before its first value, as Confluent's
 * serializers auto-register them. Batch by batch (a flush ends each); some records have no key,
 * some have headers. An order's key is its name ({@code order-7}) as text, or, {@link
 * #withAvroKeys() with Avro keys}, an Avro {@code OrderKey} of it registered under the topic's key
 * subject; the untyped values' keys are text. Every acknowledged record is kept in {@link
 * #produced()}, what its value was written as in {@link #written()}, and its key's name in {@link
 * #keyNames()}.
 */
public final class EvolvingWorkload {
  private static final int RECORDS_PER_BATCH = 5;
  // ids count up from 1 in a registry: it never gives this one
  private static final int UNKNOWN_SCHEMA_ID = Integer.MAX_VALUE;
  private static final Schema ORDER_KEY = new Schema.Parser().parse("""
      {"type": "record", "name": "OrderKey", "namespace": "io.floe.e2e", "fields": [
        {"name": "order", "type": "string"}, {"name": "number", "type": "long"}]}""");
  private static final List<Header> HEADERS = List.of(
      new RecordHeader("content-type", text("application/vnd.floe.order")),
      new RecordHeader("trace-id", text("4bf92f3577b34da6")));

  private final KafkaService broker;
  private final TieredTopic topic;
  private final ConfluentRegistryServer registry;
  private final OrderSchema schema;
  private final ProducedRecords produced = new ProducedRecords();
  private final SortedMap<Long, WrittenValue> written = new TreeMap<>();
  private final SortedMap<Long, String> keyNames = new TreeMap<>();
  private OptionalInt keySchemaId = OptionalInt.empty();
  // a minute ago: a time every broker accepts, already past the tiered topics' local retention
  private long clock = System.currentTimeMillis() - 60_000;
  private int orderCount;
  private SchemaVersion latest;
  private int latestId;

  public EvolvingWorkload(KafkaService broker, TieredTopic topic, ConfluentRegistryServer registry, OrderSchema schema) {
    this.broker = broker;
    this.topic = topic;
    this.registry = registry;
    this.schema = schema;
  }

  public ProducedRecords produced() {
    return produced;
  }

  /**
   * Writes the orders' keys as Avro {@code OrderKey} records ({@code order} their name, {@code
   * number} their number), as Confluent's Avro serializer writes keys, the schema registered under
   * {@code <topic>-key} now.
   */
  public EvolvingWorkload withAvroKeys() {
    keySchemaId = OptionalInt.of(registry.register(topic.name() + "-key", null, ORDER_KEY.toString()));
    return this;
  }

  /** The id of the orders' key schema, if their keys are Avro. */
  public OptionalInt keySchemaId() {
    return keySchemaId;
  }

  /** The name each acknowledged record's key was written from ({@code order-7}), by offset; none without key. */
  public SortedMap<Long, String> keyNames() {
    return Collections.unmodifiableSortedMap(keyNames);
  }

  /** What each acknowledged record's value was written as, by offset in partition 0. */
  public SortedMap<Long, WrittenValue> written() {
    return Collections.unmodifiableSortedMap(written);
  }

  /**
   * {@code batchesPerVersion} batches of V1 orders, then the evolution: V2 registered, a batch of
   * every {@link UntypedValue}, and {@code batchesPerVersion} batches of V2 orders.
   */
  public void evolveHalfway(int batchesPerVersion) {
    evolveTo(SchemaVersion.V1);
    orders(batchesPerVersion);
    evolveTo(SchemaVersion.V2);
    untyped();
    orders(batchesPerVersion);
  }

  /**
   * {@code batches} batches of orders in the latest registered schema: after {@link
   * #evolveHalfway}, more V2 orders, as to roll the segment that holds the last of them.
   */
  public void orders(int batches) {
    if (latest == null) {
      throw new IllegalStateException("Cannot produce orders to " + topic.name() + " before a schema is registered");
    }
    try (Producer<byte[], byte[]> producer = producer()) {
      for (int batch = 0; batch < batches; batch++) {
        List<Content> contents = new ArrayList<>();
        for (int i = 0; i < RECORDS_PER_BATCH; i++) {
          int number = orderCount++;
          Order order = Order.numbered(number, latest);
          String keyName = number % 4 == 3 ? null : "order-" + number;
          contents.add(new Content(keyName, keyName == null ? null : orderKey(keyName, number),
              schema.value(order, latest, latestId), number % 3 == 0 ? HEADERS : List.of(),
              new WrittenValue.Typed(latest, latestId, order)));
        }
        send(producer, contents);
      }
    }
  }

  private void evolveTo(SchemaVersion version) {
    latestId = schema.register(registry, topic.name() + "-value", version);
    latest = version;
  }

  /** One batch of every value that cannot be typed, keyed and with headers like the orders around them. */
  private void untyped() {
    byte[] wellFormed = schema.value(Order.numbered(0, latest), latest, latestId);
    List<Content> contents = new ArrayList<>();
    for (UntypedValue kind : UntypedValue.values()) {
      byte[] value = switch (kind) {
        // Not a JSON object either: Floe would infer columns for one (data-model.md, schemaless JSON values).
        case NO_SCHEMA_ID -> text("order 7, written without a serializer");
        case UNKNOWN_SCHEMA_ID -> ConfluentFraming.withSchemaId(wellFormed, UNKNOWN_SCHEMA_ID);
        case UNDECODABLE -> Arrays.copyOf(wellFormed, wellFormed.length - 1);
        case TOMBSTONE -> null;
      };
      contents.add(new Content("untyped-" + kind, text("untyped-" + kind), value, HEADERS, new WrittenValue.Untyped(kind)));
    }
    try (Producer<byte[], byte[]> producer = producer()) {
      send(producer, contents);
    }
  }

  /** Sends one batch to partition 0 and waits for every record's acknowledgement. */
  private void send(Producer<byte[], byte[]> producer, List<Content> batch) {
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    long firstTimestamp = clock;
    for (Content content : batch) {
      sends.add(producer.send(new ProducerRecord<>(topic.name(), 0, clock++, content.key(), content.value(), content.headers())));
    }
    producer.flush();
    List<ProducedRecord> acknowledged = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Content content = batch.get(i);
      RecordMetadata metadata = Acknowledgements.of(sends.get(i), broker, topic.name());
      // the record's own CreateTime, not the acknowledgement's (see Workloads.send)
      acknowledged.add(new ProducedRecord(metadata.partition(), metadata.offset(), firstTimestamp + i,
          TimestampType.CREATE_TIME, content.key(), content.value(), content.headers(), TransactionOutcome.NONE));
      written.put(metadata.offset(), content.written());
      if (content.keyName() != null) {
        keyNames.put(metadata.offset(), content.keyName());
      }
    }
    produced.addAll(acknowledged);
  }

  private Producer<byte[], byte[]> producer() {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** An order's key: its name as text, or its Avro {@code OrderKey}. */
  private byte[] orderKey(String name, int number) {
    if (keySchemaId.isEmpty()) {
      return text(name);
    }
    GenericData.Record key = new GenericData.Record(ORDER_KEY);
    key.put("order", name);
    key.put("number", (long) number);
    return AvroValues.serialize(keySchemaId.getAsInt(), key);
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** One record to send, the name its key was written from, and what its value was written as. */
  private record Content(String keyName, byte[] key, byte[] value, List<Header> headers, WrittenValue written) {}
}
