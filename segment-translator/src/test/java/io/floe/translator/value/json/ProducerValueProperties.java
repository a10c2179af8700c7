package io.floe.translator.value.json;

import static io.floe.translator.value.json.JsonBytes.schema;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.floe.translator.value.MalformedValueException;
import io.floe.translator.value.ParquetRoundTrip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.statistics.Statistics;
import org.apache.iceberg.data.Record;

/**
 * Values of random schemas, written by each {@link Producer} the way it writes them: at least
 * 99.9 % of each producer's values get their columns, at least 99 % are stored without raw bytes,
 * and every value stored without them comes back exactly from a Parquet data file.
 */
class ProducerValueProperties {
  private final Path dir = temporaryDirectory();

  record Sample(ProducedJson.ObjectOf schema, List<Object> values) {}

  @Property(tries = 500)
  void valuesRealProducersWriteAreTypedAndComeBackExactly(@ForAll("samples") Sample sample) {
    JsonValueCodec codec = JsonValueCodec.of(schema(sample.schema().schema()));
    List<byte[]> payloads = new ArrayList<>();
    List<Record> records = new ArrayList<>();
    for (Producer producer : Producer.values()) {
      for (Object value : sample.values()) {
        byte[] payload = producer.write(value);
        Optional<Record> typed = codec.typed(payload);
        Statistics.label(producer + " has columns").collect(typed.isPresent() || decodes(codec, payload));
        Statistics.label(producer + " without raw bytes").collect(typed.isPresent());
        typed.ifPresent(record -> {
          payloads.add(payload);
          records.add(record);
        });
      }
    }

    List<Record> stored = ParquetRoundTrip.through(ParquetRoundTrip.Encoding.DICTIONARY, dir, codec.columns(), records);
    for (int i = 0; i < payloads.size(); i++) {
      assertArrayEquals(payloads.get(i), codec.encode(stored.get(i)), new String(payloads.get(i), StandardCharsets.UTF_8));
    }
    for (Producer producer : Producer.values()) {
      Statistics.label(producer + " has columns").coverage(coverage -> coverage.check(true).percentage(p -> p >= 99.9));
      Statistics.label(producer + " without raw bytes").coverage(coverage -> coverage.check(true).percentage(p -> p >= 99));
    }
  }

  @Provide
  Arbitrary<Sample> samples() {
    return ProducedJson.schemas().flatMap(schema ->
        schema.values().list().ofMinSize(1).ofMaxSize(5).map(values -> new Sample(schema, values)));
  }

  private static boolean decodes(JsonValueCodec codec, byte[] payload) {
    try {
      codec.decode(payload);
      return true;
    } catch (MalformedValueException e) {
      return false;
    }
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
      return Files.createTempDirectory("producer-values");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
