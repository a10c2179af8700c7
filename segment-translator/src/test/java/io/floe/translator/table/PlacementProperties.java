package io.floe.translator.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.translator.value.ParquetRoundTrip;
import io.floe.translator.value.ParquetRoundTrip.Encoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * For random pairs of writer structs (an earlier schema and a later one of the same topic): once
 * the table holds both, each binds without change and its records come back exactly from a
 * Parquet data file.
 */
class PlacementProperties {
  private final Path dir = temporaryDirectory();

  record Version(Types.StructType writer, List<Record> records) {}

  @Property(tries = 100)
  void bothVersionsRoundTripThroughTheEvolvedTable(@ForAll("versions") Version earlier, @ForAll("versions") Version later) {
    Schema table = ValueColumnPlacement.evolved(ValueColumnPlacement.evolved(KafkaColumns.SCHEMA, earlier.writer()), later.writer());
    ColumnBinding earlierBinding = ValueColumnPlacement.bind(table, earlier.writer());
    ColumnBinding laterBinding = ValueColumnPlacement.bind(table, later.writer());

    List<Record> rows = new ArrayList<>();
    earlier.records().forEach(record -> rows.add(row(table, earlierBinding, record)));
    later.records().forEach(record -> rows.add(row(table, laterBinding, record)));
    Schema values = new Schema(table.columns().stream().filter(c -> !c.name().equals(KafkaColumns.KAFKA)).toList());
    List<Record> back = ParquetRoundTrip.through(Encoding.PLAIN, dir, values.asStruct(), rows.stream()
        .map(row -> withoutKafka(values, row)).toList());

    int n = earlier.records().size();
    for (int i = 0; i < rows.size(); i++) {
      ColumnBinding binding = i < n ? earlierBinding : laterBinding;
      Record expected = i < n ? earlier.records().get(i) : later.records().get(i - n);
      assertEquals(expected, binding.read(withKafka(table, back.get(i))));
    }
  }

  @Property(tries = 200)
  void placingAgainChangesNothing(@ForAll("versions") Version earlier, @ForAll("versions") Version later) {
    Schema table = ValueColumnPlacement.evolved(ValueColumnPlacement.evolved(KafkaColumns.SCHEMA, earlier.writer()), later.writer());

    assertEquals(List.of(), ValueColumnPlacement.changes(table, earlier.writer()));
    assertEquals(List.of(), ValueColumnPlacement.changes(table, later.writer()));
  }

  @Provide
  Arbitrary<Version> versions() {
    return RandomStructs.structs().flatMap(writer -> RandomStructs.records(writer).list().ofMinSize(1).ofMaxSize(3)
        .map(records -> new Version(writer, records)));
  }

  private static Record row(Schema table, ColumnBinding binding, Record value) {
    Record row = GenericRecord.create(table);
    binding.write(value, row);
    return row;
  }

  /** The value columns of a row: the {@code _kafka} column has its own tests, and required fields. */
  private static Record withoutKafka(Schema values, Record row) {
    Record copy = GenericRecord.create(values);
    values.columns().forEach(column -> copy.setField(column.name(), row.getField(column.name())));
    return copy;
  }

  private static Record withKafka(Schema table, Record values) {
    Record row = GenericRecord.create(table);
    values.struct().fields().forEach(column -> row.setField(column.name(), values.getField(column.name())));
    return row;
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
      return Files.createTempDirectory("placement");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
