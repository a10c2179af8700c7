package io.floe.translator.value.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.KafkaSegment;
import io.floe.translator.SampleRecords;
import io.floe.translator.typing.ValueTyper;
import io.floe.translator.value.ParquetRoundTrip;
import io.floe.translator.value.ValueCodec;
import io.floe.translator.value.ValueFormat;
import io.floe.translator.value.ValueVerdict;
import io.floe.translator.value.WriterSchema;
import io.floe.translator.value.inference.JsonInference;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterProperty;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.iceberg.data.Record;

/**
 * Segments of schemaless JSON values (random topics whose documents gain fields over time, from
 * every {@link Producer}, among values no inference types): the typer infers one writer schema from
 * the segment, every value it types comes back exactly from its columns through a Parquet data
 * file, every other keeps its bytes with a reason, every document gets its columns, and nearly
 * every document is typed.
 */
class SchemalessJsonProperties {
  private final Path dir = temporaryDirectory();

  @Property(tries = 100)
  void everyTypedValueComesBackExactlyAndNearlyEveryDocumentIsTyped(@ForAll("segments") List<SchemalessDocuments.Value> values) {
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(newDirectory())) {
      segment.plain(Compression.NONE, values.stream()
          .map(value -> new SimpleRecord(SampleRecords.T0, null, value.bytes())).toArray(SimpleRecord[]::new));
      file = segment.path();
    }
    ValueTyper typer = new ValueTyper(ValueFormat.AUTO, Optional.empty(), false, Optional.of(JsonInference.DEFAULT));

    List<WriterSchema> writers = typer.scan(file, 0);

    assertEquals(List.of(WriterSchema.INFERRED_ID), writers.stream().map(WriterSchema::schemaId).toList());
    ValueCodec codec = typer.codec(writers.get(0).key());
    List<byte[]> typedPayloads = new ArrayList<>();
    List<Record> typedRecords = new ArrayList<>();
    for (SchemalessDocuments.Value value : values) {
      ValueVerdict verdict = typer.type(value.bytes());
      assertTrue(verdict.columns().isPresent() || verdict.rawReason().isPresent(), value.toString());
      if (verdict.rawReason().isEmpty()) {
        typedPayloads.add(value.bytes());
        typedRecords.add(verdict.columns().get());
      }
      if (value.document()) {
        assertTrue(verdict.columns().isPresent(), "every JSON object widened the schema, so it has columns: " + value);
        Statistics.label("documents typed").collect(verdict.rawReason().isEmpty());
      } else {
        Statistics.label("other values typed").collect(verdict.rawReason().isEmpty());
      }
    }

    List<Record> stored = ParquetRoundTrip.through(ParquetRoundTrip.Encoding.DICTIONARY, dir, codec.columns(), typedRecords);
    for (int i = 0; i < typedPayloads.size(); i++) {
      assertArrayEquals(typedPayloads.get(i), codec.encode(stored.get(i)), new String(typedPayloads.get(i)));
    }
    Statistics.label("documents typed").coverage(coverage -> coverage.check(true).percentage(p -> p >= 95));
  }

  @Provide
  Arbitrary<List<SchemalessDocuments.Value>> segments() {
    return SchemalessDocuments.segments();
  }

  @AfterProperty
  void deleteFiles() {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path newDirectory() {
    try {
      return Files.createTempDirectory(dir, "segment");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("schemaless-json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
