package io.floe.translator;

import static io.floe.translator.KafkaOracle.assertExactRoundTrip;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.floe.translator.row.Fidelity;
import io.floe.translator.row.TranslatedBatch;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.SimpleRecord;

/**
 * Random batches of every shape, written by Kafka's producer code: the records always come back
 * identical, and uncompressed batches byte-identical (checked by {@link KafkaOracle}).
 */
class RoundTripProperties {
  private static final long T0 = 1_767_225_600_000L;

  enum Producer { PLAIN, IDEMPOTENT, TRANSACTIONAL, LOG_APPEND_TIME }

  record BatchSpec(String codec, Producer producer, List<SimpleRecord> records) {}

  @Property(tries = 200)
  void randomBatchesComeBackExactly(@ForAll("segments") List<BatchSpec> batches) {
    Path dir = PropertyDirectory.create("floe-property");
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      int sequence = 0;
      for (BatchSpec batch : batches) {
        SimpleRecord[] records = batch.records().toArray(SimpleRecord[]::new);
        var compression = KafkaOracle.compression(batch.codec());
        switch (batch.producer()) {
          case PLAIN -> segment.plain(compression, records);
          case IDEMPOTENT -> segment.idempotent(compression, sequence, records);
          case TRANSACTIONAL -> segment.transactional(compression, sequence, records);
          case LOG_APPEND_TIME -> segment.logAppendTime(compression, T0 + 1_000, records);
        }
        sequence += records.length;
      }
      for (TranslatedBatch translated : assertExactRoundTrip(segment.path())) {
        assertNotEquals(Fidelity.RAW, translated.fidelity(), "a v2 batch from Kafka's producer becomes rows");
      }
    } finally {
      PropertyDirectory.delete(dir);
    }
  }

  @Provide
  Arbitrary<List<BatchSpec>> segments() {
    Arbitrary<BatchSpec> batch = Combinators.combine(
        Arbitraries.of("none", "gzip", "snappy", "lz4", "zstd"),
        Arbitraries.of(Producer.class),
        records().list().ofMinSize(1).ofMaxSize(40)).as(BatchSpec::new);
    return batch.list().ofMinSize(1).ofMaxSize(4);
  }

  private Arbitrary<SimpleRecord> records() {
    Arbitrary<byte[]> bytes = Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
        Arbitraries.strings().ofMaxLength(3000).map(String::getBytes));
    Arbitrary<byte[]> nullable = bytes.injectNull(0.15);
    Arbitrary<Header> header = Combinators.combine(
        Arbitraries.strings().ofMaxLength(20), Arbitraries.bytes().array(byte[].class).ofMaxSize(32).injectNull(0.2))
        .as(RecordHeader::new);
    Arbitrary<Long> timestamp = Arbitraries.longs().between(T0 - 86_400_000L, T0 + 86_400_000L);
    return Combinators.combine(timestamp, nullable, nullable, header.array(Header[].class).ofMaxSize(4))
        .as((ts, key, value, headers) -> new SimpleRecord(ts, key, value, headers));
  }
}
