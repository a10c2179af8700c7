package io.floe.e2e.bench;

import io.floe.e2e.workload.AvroValues;
import io.floe.translator.registry.ConfluentRegistryServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The benchmark's events as an Avro producer with Confluent's serializer sends them: registry
 * framing, then about a kibibyte of Avro (ids, strings, a timestamp, a list of line items, a long
 * note), the content of {@link JsonEvents} in typed form. Floe types every one of them into columns.
 */
final class AvroEvents implements EventSource {
  static final String SCHEMA = """
      {"type":"record","name":"Event","namespace":"io.floe.bench","fields":[\
      {"name":"event_id","type":"long"},\
      {"name":"user_id","type":"int"},\
      {"name":"session","type":"string"},\
      {"name":"type","type":"string"},\
      {"name":"device","type":"string"},\
      {"name":"city","type":"string"},\
      {"name":"occurred_at","type":{"type":"long","logicalType":"timestamp-millis"}},\
      {"name":"items","type":{"type":"array","items":{"type":"record","name":"Item","fields":[\
      {"name":"sku","type":"int"},\
      {"name":"category","type":"string"},\
      {"name":"qty","type":"int"},\
      {"name":"price","type":"double"},\
      {"name":"status","type":"string"}]}}},\
      {"name":"total","type":"double"},\
      {"name":"note","type":"string"}]}""";
  private static final long SEED = 42;
  private static final long EPOCH_MILLIS = 1_780_000_000_000L;
  private static final int ITEMS = 18;
  private static final int NOTE_CHARS = 320;

  private final Schema schema = new Schema.Parser().parse(SCHEMA);
  private final Schema item = schema.getField("items").schema().getElementType();
  private final SplittableRandom random = new SplittableRandom(SEED);
  private final Words words = new Words(random);
  private final int schemaId;
  private long count;

  private AvroEvents(int schemaId) {
    this.schemaId = schemaId;
  }

  /** Registers the event schema under the topic's value subject, as the producer's serializer would. */
  static AvroEvents registeredIn(ConfluentRegistryServer registry, String topic) {
    return new AvroEvents(registry.register(topic + "-value", null, SCHEMA));
  }

  /** The id the registry gave the event schema, which frames every value. */
  int schemaId() {
    return schemaId;
  }

  @Override
  public Event next() {
    long number = count++;
    byte[] key = String.format("key-%012d", random.nextLong(1_000_000_000_000L)).getBytes(StandardCharsets.US_ASCII);
    GenericRecord event = new GenericData.Record(schema);
    event.put("event_id", number);
    event.put("user_id", random.nextInt(10_000_000));
    event.put("session", Long.toHexString(random.nextLong()));
    event.put("type", words.next());
    event.put("device", words.next());
    event.put("city", words.next());
    event.put("occurred_at", EPOCH_MILLIS + number);
    List<GenericRecord> items = new ArrayList<>(ITEMS);
    for (int i = 0; i < ITEMS; i++) {
      GenericRecord line = new GenericData.Record(item);
      line.put("sku", random.nextInt(1_000_000));
      line.put("category", words.next());
      line.put("qty", 1 + random.nextInt(9));
      line.put("price", random.nextInt(100_000) / 100.0);
      line.put("status", words.next());
      items.add(line);
    }
    event.put("items", items);
    event.put("total", random.nextInt(10_000_000) / 100.0);
    event.put("note", words.text(NOTE_CHARS));
    return new Event(key, AvroValues.serialize(schemaId, event));
  }
}
