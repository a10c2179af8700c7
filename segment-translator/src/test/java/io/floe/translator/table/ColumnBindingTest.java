package io.floe.translator.table;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.value.ParquetRoundTrip;
import io.floe.translator.value.ParquetRoundTrip.Encoding;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writer records in table rows and back, exactly, as a Parquet data file gives the rows back. */
class ColumnBindingTest {
  private static final Types.StructType LINE = Types.StructType.of(
      required(20, "sku", Types.StringType.get()), optional(21, "qty", Types.IntegerType.get()));

  /** Every type a codec gives, with nested lists of structs and maps. */
  private static final Types.StructType EVERY_TYPE = Types.StructType.of(
      required(1, "flag", Types.BooleanType.get()),
      required(2, "count", Types.IntegerType.get()),
      required(3, "total", Types.LongType.get()),
      required(4, "ratio", Types.FloatType.get()),
      required(5, "score", Types.DoubleType.get()),
      required(6, "price", Types.DecimalType.of(9, 2)),
      required(7, "day", Types.DateType.get()),
      required(8, "time", Types.TimeType.get()),
      required(9, "at", Types.TimestampType.withZone()),
      required(10, "local", Types.TimestampType.withoutZone()),
      required(11, "name", Types.StringType.get()),
      required(12, "id", Types.UUIDType.get()),
      required(13, "hash", Types.FixedType.ofLength(4)),
      required(14, "payload", Types.BinaryType.get()),
      optional(15, "lines", Types.ListType.ofRequired(22, LINE)),
      optional(16, "stock", Types.MapType.ofRequired(23, 24, Types.StringType.get(),
          Types.ListType.ofOptional(25, Types.LongType.get()))),
      optional(17, "customer", Types.StructType.of(optional(26, "address", Types.StructType.of(
          optional(27, "city", Types.StringType.get()))))));

  /** A table with a column of its own before the value columns arrive. */
  private static final Schema TABLE = new Schema(optional(1, "note", Types.StringType.get()));

  @TempDir
  Path dir;

  @Test
  void aRecordOfEveryTypeComesBackEqualFromAParquetFile() {
    Schema table = ValueColumnPlacement.evolved(TABLE, EVERY_TYPE);
    ColumnBinding binding = ValueColumnPlacement.bind(table, EVERY_TYPE);
    Record value = everyType();

    Record row = GenericRecord.create(table);
    row.setField("note", "kept");
    binding.write(value, row);
    Record back = ParquetRoundTrip.through(Encoding.PLAIN, dir, table.asStruct(), List.of(row)).get(0);

    assertEquals(value, binding.read(back));
    assertEquals("kept", back.getField("note"), "columns the binding does not hold are left as they are");
  }

  @Test
  void mapEntriesKeepTheirOrder() {
    Schema table = ValueColumnPlacement.evolved(TABLE, EVERY_TYPE);
    ColumnBinding binding = ValueColumnPlacement.bind(table, EVERY_TYPE);
    Record value = everyType();
    Map<String, List<Long>> stock = new LinkedHashMap<>();
    for (String key : List.of("m", "b", "z", "a", "q")) {
      stock.put(key, List.of((long) key.charAt(0)));
    }
    value.setField("stock", stock);

    Record row = GenericRecord.create(table);
    binding.write(value, row);
    Record back = binding.read(ParquetRoundTrip.through(Encoding.DICTIONARY, dir, table.asStruct(), List.of(row)).get(0));

    assertEquals(List.copyOf(stock.keySet()), new ArrayList<>(((Map<?, ?>) back.getField("stock")).keySet()));
  }

  @Test
  void aNarrowerValueIsWidenedInTheRowAndNarrowedBackExactly() {
    Types.StructType writer = Types.StructType.of(optional(1, "count", Types.IntegerType.get()),
        optional(2, "ratio", Types.FloatType.get()), optional(3, "price", Types.DecimalType.of(9, 2)));
    Schema table = new Schema(optional(10, "count", Types.LongType.get()), optional(11, "ratio", Types.DoubleType.get()),
        optional(12, "price", Types.DecimalType.of(20, 2)));
    ColumnBinding binding = ValueColumnPlacement.bind(table, writer);
    Record value = GenericRecord.create(writer);
    value.setField("count", Integer.MIN_VALUE);
    value.setField("ratio", 0.1f);
    value.setField("price", new BigDecimal("-1234567.89"));

    Record row = GenericRecord.create(table);
    binding.write(value, row);

    assertEquals((long) Integer.MIN_VALUE, row.getField("count"));
    assertEquals((double) 0.1f, row.getField("ratio"));
    assertEquals(value, binding.read(row));
  }

  @Test
  void aWideValueThatIsNotTheWritersIsNotNarrowed() {
    Types.StructType writer = Types.StructType.of(optional(1, "count", Types.IntegerType.get()),
        optional(2, "ratio", Types.FloatType.get()));
    Schema table = new Schema(optional(10, "count", Types.LongType.get()), optional(11, "ratio", Types.DoubleType.get()));
    ColumnBinding binding = ValueColumnPlacement.bind(table, writer);
    Record tooLong = GenericRecord.create(table);
    tooLong.setField("count", 1L << 40);
    Record notAFloat = GenericRecord.create(table);
    notAFloat.setField("ratio", 0.1d);

    assertThrows(ArithmeticException.class, () -> binding.read(tooLong));
    assertThrows(ArithmeticException.class, () -> binding.read(notAFloat));
  }

  @Test
  void nullsStayNullAtEveryLevel() {
    Schema table = ValueColumnPlacement.evolved(TABLE, EVERY_TYPE);
    ColumnBinding binding = ValueColumnPlacement.bind(table, EVERY_TYPE);
    Record value = GenericRecord.create(EVERY_TYPE);
    List<Record> lines = new ArrayList<>();
    lines.add(null);
    value.setField("lines", lines);
    Map<String, List<Long>> stock = new HashMap<>();
    stock.put("empty", null);
    value.setField("stock", stock);

    Record row = GenericRecord.create(table);
    binding.write(value, row);
    Record back = binding.read(ParquetRoundTrip.through(Encoding.PLAIN, dir, table.asStruct(), List.of(row)).get(0));

    assertEquals(value, back);
    assertNull(back.getField("customer"));
  }

  @Test
  void aBindingMadeAgainFromItsIdsIsTheSame() {
    Schema table = ValueColumnPlacement.evolved(TABLE, EVERY_TYPE);
    ColumnBinding binding = ValueColumnPlacement.bind(table, EVERY_TYPE);
    ColumnBinding again = ColumnBinding.of(EVERY_TYPE, table, binding.tableIdsByLocalId());
    Record row = GenericRecord.create(table);
    binding.write(everyType(), row);

    assertEquals(binding.tableIdsByLocalId(), again.tableIdsByLocalId());
    assertEquals(everyType(), again.read(row));
  }

  @Test
  void aTopLevelFieldTheStoredIdsDoNotNameReadsAsNull() {
    // a manifest written before the writer's codec had the field, as JSON's shape column
    Types.StructType writer = Types.StructType.of(optional(1, "count", Types.IntegerType.get()),
        optional(2, "_json_shape", Types.BinaryType.get()));
    Schema table = new Schema(optional(10, "count", Types.IntegerType.get()));
    Record row = GenericRecord.create(table);
    row.setField("count", 3);

    Record value = ColumnBinding.of(writer, table, Map.of(1, 10)).read(row);

    assertEquals(3, value.getField("count"));
    assertNull(value.getField("_json_shape"));
  }

  @Test
  void idsOfAMissingColumnAreRejected() {
    Types.StructType writer = Types.StructType.of(optional(1, "count", Types.IntegerType.get()));
    Schema table = new Schema(optional(10, "count", Types.LongType.get()));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ColumnBinding.of(writer, table, Map.of(1, 11)));
    assertTrue(e.getMessage().contains("count"), e.getMessage());
  }

  @Test
  void idsOfAColumnThatCannotHoldTheTypeAreRejected() {
    Types.StructType writer = Types.StructType.of(optional(1, "count", Types.LongType.get()));
    Schema table = new Schema(optional(10, "count", Types.IntegerType.get()), optional(11, "name", Types.StringType.get()));

    assertThrows(IllegalArgumentException.class, () -> ColumnBinding.of(writer, table, Map.of(1, 10)));
    assertThrows(IllegalArgumentException.class, () -> ColumnBinding.of(writer, table, Map.of(1, 11)));
  }

  @Test
  void idsThatSwapAMapsKeyAndValueAreRejected() {
    Types.StructType writer = Types.StructType.of(optional(1, "m", Types.MapType.ofOptional(2, 3,
        Types.StringType.get(), Types.StringType.get())));
    Schema table = new Schema(optional(10, "m", Types.MapType.ofOptional(11, 12, Types.StringType.get(), Types.StringType.get())));

    assertThrows(IllegalArgumentException.class, () -> ColumnBinding.of(writer, table, Map.of(1, 10, 2, 12, 3, 11)));
  }

  @Test
  void idsOfFieldsTheWriterDoesNotHaveAreRejected() {
    Types.StructType writer = Types.StructType.of(optional(1, "count", Types.IntegerType.get()));
    Schema table = new Schema(optional(10, "count", Types.IntegerType.get()));

    assertThrows(IllegalArgumentException.class, () -> ColumnBinding.of(writer, table, Map.of(1, 10, 2, 10)));
  }

  @Test
  void aRequiredColumnIsRejected() {
    Types.StructType writer = Types.StructType.of(optional(1, "count", Types.IntegerType.get()));
    Schema table = new Schema(required(10, "count", Types.IntegerType.get()));

    assertThrows(IllegalArgumentException.class, () -> ColumnBinding.of(writer, table, Map.of(1, 10)));
  }

  private static Record everyType() {
    Record value = GenericRecord.create(EVERY_TYPE);
    value.setField("flag", true);
    value.setField("count", -7);
    value.setField("total", Long.MAX_VALUE);
    value.setField("ratio", -0.0f);
    value.setField("score", Double.MIN_VALUE);
    value.setField("price", new BigDecimal("1234567.89"));
    value.setField("day", LocalDate.of(1969, 12, 31));
    value.setField("time", LocalTime.of(23, 59, 59, 999_999_000));
    value.setField("at", OffsetDateTime.of(2026, 11, 21, 13, 28, 0, 123_456_000, ZoneOffset.UTC));
    value.setField("local", LocalDateTime.of(1900, 1, 1, 0, 0));
    value.setField("name", "Zoë");
    value.setField("id", UUID.fromString("4f2a0c1e-9b7d-4e21-a3c5-0d8e6f7a9b10"));
    value.setField("hash", new byte[] {1, 2, 3, 4});
    value.setField("payload", ByteBuffer.wrap("bytes".getBytes(StandardCharsets.UTF_8)));
    value.setField("lines", List.of(line("a", 1), line("b", null)));
    Map<String, List<Long>> stock = new LinkedHashMap<>();
    stock.put("x", List.of(1L, 2L));
    stock.put("y", List.of());
    value.setField("stock", stock);
    Record address = GenericRecord.create(EVERY_TYPE.field("customer").type().asStructType().field("address").type().asStructType());
    address.setField("city", "Lyon");
    Record customer = GenericRecord.create(EVERY_TYPE.field("customer").type().asStructType());
    customer.setField("address", address);
    value.setField("customer", customer);
    return value;
  }

  private static Record line(String sku, Integer qty) {
    Record line = GenericRecord.create(LINE);
    line.setField("sku", sku);
    line.setField("qty", qty);
    return line;
  }
}
