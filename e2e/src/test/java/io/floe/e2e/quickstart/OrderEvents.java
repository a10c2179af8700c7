package io.floe.e2e.quickstart;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The quickstart's sample events: plain JSON order objects (no schema registry), keyed by customer
 * as UTF-8 text, the way most topics in the wild look. Floe infers the table's columns from them.
 */
public final class OrderEvents {
  /** The events' own columns, in the order the first event gives them. */
  public static final List<String> COLUMNS = List.of("order_id", "customer", "amount", "currency");

  private OrderEvents() {}

  /**
   * Produces events {@code first} to {@code first + count - 1} to partition 0 of {@code topic}, in
   * small zstd batches, and waits until the broker has them all.
   */
  public static void produce(String bootstrapServers, String topic, int first, int count) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, "4096");
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = first; i < first + count; i++) {
        producer.send(new ProducerRecord<>(topic, 0, key(i), value(i)));
      }
      producer.flush();
    }
  }

  public static byte[] key(long i) {
    return customer(i).getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] value(long i) {
    // amounts as a JSON serializer writes a Java double (5.0, 7.37): numbers Floe writes back exactly
    return String.format("{\"order_id\":%d,\"customer\":\"%s\",\"amount\":%s,\"currency\":\"EUR\"}",
        i, customer(i), amount(i)).getBytes(StandardCharsets.UTF_8);
  }

  public static String customer(long i) {
    return "customer-" + (i % 97);
  }

  public static double amount(long i) {
    return (500 + (i * 37) % 20_000) / 100.0;
  }
}
