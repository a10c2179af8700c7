package io.floe.e2e.workload;

import io.floe.e2e.broker.KafkaService;
import io.floe.e2e.topic.TieredTopic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Plain JSON click events on partition 0 of a topic, written without a schema registry as
 * {@code JSON.stringify} writes them, whose documents gain fields as the workload goes on
 * ({@link Stage}); every batch also holds a value that is JSON but no object and one that is no
 * JSON, which must stay raw. Each batch is acknowledged before the next is sent.
 */
public final class SchemalessJsonWorkload {
  public static final int EVENTS_PER_BATCH = 5;

  /** What the events of a batch hold. */
  public enum Stage {
    /** {@code id} and {@code page}. */
    FIRST,
    /** Also {@code ms}, an integer, and {@code referrer}, a string or null. */
    TIMED,
    /** Also a {@code user} object and a {@code tags} list; {@code ms} has a fraction now. */
    NESTED
  }

  private final KafkaService broker;
  private final TieredTopic topic;
  private final ProducedRecords produced = new ProducedRecords();
  private long clock = System.currentTimeMillis() - 60_000;
  private int eventCount;

  public SchemalessJsonWorkload(KafkaService broker, TieredTopic topic) {
    this.broker = broker;
    this.topic = topic;
  }

  /** Sends {@code batches} batches of events of {@code stage}. */
  public void events(int batches, Stage stage) {
    try (Producer<byte[], byte[]> producer = producer()) {
      for (int b = 0; b < batches; b++) {
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < EVENTS_PER_BATCH; i++) {
          values.add(event(eventCount++, stage));
        }
        values.add(text("[" + eventCount + ",\"no object\"]"));
        values.add(text("event " + eventCount + " as plain text"));
        send(producer, values);
      }
    }
  }

  public ProducedRecords produced() {
    return produced;
  }

  private static byte[] event(int n, Stage stage) {
    StringBuilder json = new StringBuilder("{\"id\":").append(n).append(",\"page\":\"/page/").append(n % 7).append('"');
    if (stage != Stage.FIRST) {
      json.append(",\"ms\":").append(stage == Stage.NESTED ? (20 + n) + ".5" : String.valueOf(20 + n));
      json.append(",\"referrer\":").append(n % 3 == 0 ? "null" : "\"https://example.com/" + n + "\"");
    }
    if (stage == Stage.NESTED) {
      json.append(",\"user\":{\"id\":").append(n % 11).append(",\"plan\":\"").append(n % 2 == 0 ? "free" : "pro")
          .append("\"},\"tags\":[\"t").append(n % 5).append("\",\"été\"]");
    }
    return text(json.append('}').toString());
  }

  private void send(Producer<byte[], byte[]> producer, List<byte[]> values) {
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    long firstTimestamp = clock;
    for (int i = 0; i < values.size(); i++) {
      sends.add(producer.send(new ProducerRecord<>(topic.name(), 0, clock++, key(i), values.get(i))));
    }
    producer.flush();
    List<ProducedRecord> acknowledged = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      RecordMetadata metadata = Acknowledgements.of(sends.get(i), broker, topic.name());
      // the record's own CreateTime, not the acknowledgement's (see Workloads.send)
      acknowledged.add(new ProducedRecord(metadata.partition(), metadata.offset(), firstTimestamp + i,
          TimestampType.CREATE_TIME, key(i), values.get(i), List.of(), TransactionOutcome.NONE));
    }
    produced.addAll(acknowledged);
  }

  private static byte[] key(int i) {
    return text("user-" + i);
  }

  private Producer<byte[], byte[]> producer() {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
