package io.floe.translator.value.avro;

import io.floe.translator.value.ValueCodecChecks;
import io.floe.translator.value.PayloadDamage;
import io.floe.translator.value.ParquetRoundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.statistics.Statistics;
import org.apache.avro.Schema;
import org.apache.iceberg.data.Record;

/**
 * Random schemas and values: what Avro's writer produces is typed, and whatever is typed, even from
 * damaged payloads, re-encodes to its exact payload after the trip through a Parquet data file.
 */
class AvroValueProperties {
  private final Path dir = temporaryDirectory();

  record Sample(Schema schema, List<Object> values) {
    List<byte[]> payloads() {
      return values.stream().map(value -> AvroBytes.write(schema, value)).toList();
    }
  }

  /** A payload written by Avro, then damaged. */
  record Damage(Schema schema, byte[] payload, PayloadDamage damage) {
    byte[] damaged() {
      return damage.applyTo(payload);
    }
  }

  @Property(tries = 200)
  void valuesAvroWritesAreTypedAndComeBackExactlyThroughParquet(@ForAll("samples") Sample sample) {
    AvroValueCodec codec = AvroValueCodec.of(sample.schema());
    List<byte[]> payloads = sample.payloads();
    List<Record> records = payloads.stream()
        .map(payload -> codec.typed(payload).orElseThrow(() -> new AssertionError("not typed: " + codec.decode(payload))))
        .toList();

    for (ParquetRoundTrip.Encoding encoding : ParquetRoundTrip.Encoding.values()) {
      List<Record> stored = ParquetRoundTrip.through(encoding, dir, codec.columns(), records);
      for (int i = 0; i < payloads.size(); i++) {
        assertArrayEquals(payloads.get(i), codec.encode(stored.get(i)), encoding + " value " + i + ": " + records.get(i));
      }
    }
  }

  @Property(tries = 500)
  void whateverIsTypedComesBackExactlyThroughParquet(@ForAll("damages") Damage damage) {
    AvroValueCodec codec = AvroValueCodec.of(damage.schema());
    byte[] payload = damage.damaged();

    Statistics.label("typed").collect(ValueCodecChecks.typedComesBackExactly(codec, payload, dir));
    Statistics.label("typed").coverage(coverage -> coverage.check(true).percentage(p -> p > 5));
  }

  @Property
  void anyBytesEitherDecodeOrAreMalformed(@ForAll("schemas") Schema schema, @ForAll byte[] payload) {
    AvroValueCodec codec = AvroValueCodec.of(schema);
    ValueCodecChecks.decodesOrIsMalformed(codec, payload);
  }

  @Provide
  Arbitrary<Schema> schemas() {
    return RandomAvro.schemas();
  }

  @Provide
  Arbitrary<Sample> samples() {
    return RandomAvro.schemas().flatMap(schema ->
        RandomAvro.values(schema).list().ofMinSize(1).ofMaxSize(5).map(values -> new Sample(schema, values)));
  }

  @Provide
  Arbitrary<Damage> damages() {
    return RandomAvro.schemas().flatMap(schema -> Combinators.combine(
        RandomAvro.values(schema).map(value -> AvroBytes.write(schema, value)), PayloadDamage.any())
        .as((payload, damage) -> new Damage(schema, payload, damage)));
  }

  @AfterProperty
  void deleteFiles() {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("avro-values");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
