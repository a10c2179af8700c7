package io.floe.e2e.workload;

import io.floe.e2e.broker.KafkaService;
import io.floe.e2e.topic.TieredTopic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
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
 * Produces workloads to a topic with real {@code KafkaProducer}s (idempotent, acks=all), batch by
 * batch: a flush ends each batch. Every acknowledged record is kept in {@link #produced()} with the
 * offset the broker gave it. Batches go to the topic's partitions in turn; keys, values and
 * timestamps are deterministic and distinct.
 */
public final class Workloads {
  private static final int RECORDS_PER_BATCH = 5;
  private static final List<List<Header>> HEADER_SETS = List.of(
      List.of(),
      List.of(
          new RecordHeader("trace-id", text("4bf92f3577b34da6")),
          new RecordHeader("empty", new byte[0]),
          new RecordHeader("nothing", (byte[]) null),
          new RecordHeader("trace-id", text("a repeated key")),
          new RecordHeader("ünïcødé", new byte[] {0, -1, 127, -128})),
      List.of(new RecordHeader("only-null", (byte[]) null)));

  private final KafkaService broker;
  private final TieredTopic topic;
  private final ProducedRecords produced;
  // a minute ago: a time every broker accepts, already past the tiered topics' local retention
  private long clock = System.currentTimeMillis() - 60_000;
  private int recordCount;
  private int batchCount;
  private int transactionCount;

  public Workloads(KafkaService broker, TieredTopic topic) {
    this.broker = broker;
    this.topic = topic;
    this.produced = new ProducedRecords();
  }

  public ProducedRecords produced() {
    return produced;
  }

  /** Uncompressed batches of keyed records without headers. */
  public void plain(int batches) {
    compressed(Codec.NONE, batches);
  }

  /** Batches of keyed records without headers, compressed with {@code codec}. */
  public void compressed(Codec codec, int batches) {
    try (Producer<byte[], byte[]> producer = producer(codec, Map.of())) {
      for (int i = 0; i < batches; i++) {
        produced.addAll(send(producer, nextPartition(), keyedBatch(), TransactionOutcome.NONE));
      }
    }
  }

  /**
   * Every kind of record the tiered tests check: every codec, null and empty keys and values,
   * headers, and a committed and an aborted transaction each spanning about two segments of
   * {@code batchesPerSegment} batches, interleaved with plain batches.
   */
  public void mixed(int batchesPerSegment) {
    everyCodec(2);
    nullsAndEmpties(Codec.NONE);
    nullsAndEmpties(Codec.ZSTD);
    headers(Codec.NONE);
    headers(Codec.LZ4);
    transaction(TransactionOutcome.COMMITTED, Codec.GZIP, 2 * batchesPerSegment);
    transaction(TransactionOutcome.ABORTED, Codec.SNAPPY, 2 * batchesPerSegment);
  }

  /** A batch of each codec in turn, {@code rounds} times. */
  public void everyCodec(int rounds) {
    for (int round = 0; round < rounds; round++) {
      for (Codec codec : Codec.values()) {
        compressed(codec, 1);
      }
    }
  }

  /** Null and empty keys and values in every combination, in one batch. */
  public void nullsAndEmpties(Codec codec) {
    byte[] empty = new byte[0];
    List<Content> batch = List.of(
        new Content(null, null, List.of()),
        new Content(empty, empty, List.of()),
        new Content(null, empty, List.of()),
        new Content(empty, null, List.of()),
        new Content(null, text("value without key"), List.of()),
        new Content(text("key of a tombstone"), null, List.of()));
    try (Producer<byte[], byte[]> producer = producer(codec, Map.of())) {
      produced.addAll(send(producer, nextPartition(), batch, TransactionOutcome.NONE));
    }
  }

  /** One batch: records without headers, and records with several (a repeated key, empty and null values, binary). */
  public void headers(Codec codec) {
    List<Content> keyed = keyedBatch();
    List<Content> batch = IntStream.range(0, keyed.size())
        .mapToObj(i -> keyed.get(i).withHeaders(HEADER_SETS.get(i % HEADER_SETS.size())))
        .toList();
    try (Producer<byte[], byte[]> producer = producer(codec, Map.of())) {
      produced.addAll(send(producer, nextPartition(), batch, TransactionOutcome.NONE));
    }
  }

  /**
   * A transaction of {@code batches} batches, each followed by a plain batch of another producer to
   * the same partition so that the log interleaves them, ended by a commit or an abort.
   */
  public void transaction(TransactionOutcome outcome, Codec codec, int batches) {
    if (outcome == TransactionOutcome.NONE) {
      throw new IllegalArgumentException("A transaction ends committed or aborted, not " + outcome);
    }
    String transactionalId = "floe-e2e-" + topic.name() + "-" + (++transactionCount);
    try (Producer<byte[], byte[]> transactional = producer(codec, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId));
        Producer<byte[], byte[]> plain = producer(Codec.NONE, Map.of())) {
      transactional.initTransactions();
      transactional.beginTransaction();
      List<ProducedRecord> inTransaction = new ArrayList<>();
      for (int i = 0; i < batches; i++) {
        int partition = nextPartition();
        inTransaction.addAll(send(transactional, partition, keyedBatch(), outcome));
        produced.addAll(send(plain, partition, keyedBatch(), TransactionOutcome.NONE));
      }
      if (outcome == TransactionOutcome.COMMITTED) {
        transactional.commitTransaction();
      } else {
        transactional.abortTransaction();
      }
      // acknowledged before the transaction ended, but only now with their outcome
      produced.addAll(inTransaction);
    }
  }

  /**
   * Transactions of one producer per outcome in {@code outcomes}, {@code batches} batches each,
   * interleaved batch by batch with each other and with plain batches of another producer, and left
   * open: their markers are written when the returned transactions end, wherever the log is then.
   */
  public OpenTransactions openTransactions(List<TransactionOutcome> outcomes, Codec codec, int batches) {
    List<Producer<byte[], byte[]>> producers = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      Producer<byte[], byte[]> transactional = producer(codec,
          Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "floe-e2e-" + topic.name() + "-" + (++transactionCount)));
      transactional.initTransactions();
      transactional.beginTransaction();
      producers.add(transactional);
    }
    List<ProducedRecord> inTransactions = new ArrayList<>();
    try (Producer<byte[], byte[]> plain = producer(Codec.NONE, Map.of())) {
      for (int batch = 0; batch < batches; batch++) {
        for (int i = 0; i < producers.size(); i++) {
          int partition = nextPartition();
          inTransactions.addAll(send(producers.get(i), partition, keyedBatch(), outcomes.get(i)));
          produced.addAll(send(plain, partition, keyedBatch(), TransactionOutcome.NONE));
        }
      }
    }
    return new OpenTransactions(producers, outcomes, inTransactions);
  }

  /** Transactions begun and written to, not ended yet. */
  public final class OpenTransactions {
    private final List<Producer<byte[], byte[]>> producers;
    private final List<TransactionOutcome> outcomes;
    private final List<ProducedRecord> records;

    private OpenTransactions(List<Producer<byte[], byte[]>> producers, List<TransactionOutcome> outcomes,
        List<ProducedRecord> records) {
      this.producers = producers;
      this.outcomes = outcomes;
      this.records = records;
    }

    /** Their records, with the outcome each transaction will have. */
    public List<ProducedRecord> records() {
      return List.copyOf(records);
    }

    /** Commits or aborts each transaction as its outcome says: its markers go to the end of the log now. */
    public void end() {
      for (int i = 0; i < producers.size(); i++) {
        try (Producer<byte[], byte[]> producer = producers.get(i)) {
          if (outcomes.get(i) == TransactionOutcome.COMMITTED) {
            producer.commitTransaction();
          } else {
            producer.abortTransaction();
          }
        }
      }
      produced.addAll(records);
    }
  }

  /** Sends one batch and waits for every record's acknowledgement. */
  private List<ProducedRecord> send(Producer<byte[], byte[]> producer, int partition, List<Content> batch,
      TransactionOutcome outcome) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    for (Content content : batch) {
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(topic.name(), partition, clock++, content.key(), content.value(), content.headers());
      records.add(record);
      sends.add(producer.send(record));
    }
    producer.flush();
    List<ProducedRecord> acknowledged = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      ProducerRecord<byte[], byte[]> record = records.get(i);
      RecordMetadata metadata = Acknowledgements.of(sends.get(i), broker, topic.name());
      // The record's own CreateTime: an acknowledgement that answers a retry of a batch the broker
      // already has (Kafka 4.3) carries the batch's largest timestamp as a log-append time instead.
      acknowledged.add(new ProducedRecord(metadata.partition(), metadata.offset(), record.timestamp(),
          TimestampType.CREATE_TIME, record.key(), record.value(), List.of(record.headers().toArray()), outcome));
    }
    return acknowledged;
  }

  private Producer<byte[], byte[]> producer(Codec codec, Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, codec.compressionType()));
    config.putAll(extra);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private List<Content> keyedBatch() {
    return IntStream.range(0, RECORDS_PER_BATCH).mapToObj(i -> {
      int number = recordCount++;
      return new Content(text("key-" + number),
          text("value " + number + ": the same words again and again, so that every codec has something to compress"),
          List.of());
    }).toList();
  }

  /** Batches go to the topic's partitions in turn. */
  private int nextPartition() {
    return batchCount++ % topic.partitions();
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** What one record carries; the partition, offset and timestamp are the workload's to give. */
  private record Content(byte[] key, byte[] value, List<Header> headers) {
    Content withHeaders(List<Header> replaced) {
      return new Content(key, value, replaced);
    }
  }
}
