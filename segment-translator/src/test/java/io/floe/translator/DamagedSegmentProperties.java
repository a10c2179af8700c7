package io.floe.translator;

import static io.floe.translator.SampleRecords.records;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.segment.SegmentFormatException;
import io.floe.translator.value.PayloadDamage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * Whatever happened to a segment file on the broker's disk, Floe either translates it into rows
 * that give back exactly what the file holds, as Kafka's own reader reads it ({@link KafkaOracle}),
 * or refuses it naming the file and the batch: it never stores other records than the file's.
 */
class DamagedSegmentProperties {
  private static Path dir;
  private static byte[] segment;

  @BeforeContainer
  static void write() {
    dir = PropertyDirectory.create("floe-damaged-segment");
    try (KafkaSegment kafka = KafkaSegment.create(dir.resolve("original"), 100)) {
      int first = 0;
      for (String codec : new String[] {"none", "gzip", "snappy", "lz4", "zstd"}) {
        kafka.plain(KafkaOracle.compression(codec), records(first, 3));
        first += 3;
      }
      kafka.transactional(KafkaOracle.compression("zstd"), 0, records(first, 2));
      kafka.marker(ControlRecordType.COMMIT, SampleRecords.T0 + 1);
      kafka.idempotent(Compression.NONE, 0, records(first + 2, 2));
      kafka.legacy(RecordBatch.MAGIC_VALUE_V1, KafkaOracle.compression("gzip"), records(first + 4, 2));
      segment = Files.readAllBytes(kafka.path());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterContainer
  static void delete() {
    PropertyDirectory.delete(dir);
  }

  @Property
  void aDamagedSegmentComesBackAsItIsOrIsRefusedNamingTheBatch(@ForAll("damage") PayloadDamage damage)
      throws IOException {
    Path file = Files.createTempFile(dir, "damaged", ".log");
    Files.write(file, damage.applyTo(segment));
    try {
      KafkaOracle.assertExactRoundTrip(file);
    } catch (SegmentFormatException e) {
      assertTrue(e.getMessage().startsWith("Cannot read segment " + file + ": batch at position "),
          () -> damage + ": " + e.getMessage());
    } finally {
      Files.delete(file);
    }
  }

  @Provide
  Arbitrary<PayloadDamage> damage() {
    return PayloadDamage.any();
  }
}
