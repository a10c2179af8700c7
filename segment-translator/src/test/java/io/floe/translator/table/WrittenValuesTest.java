package io.floe.translator.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.floe.translator.manifest.WriterSchemaEntry;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaType;
import io.floe.translator.value.WireFormat;
import io.floe.translator.value.WireValue;
import io.floe.translator.value.WriterSchema;
import io.floe.translator.value.json.JsonSchemaColumns;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** Typed values rebuilt from their rows with the writer schemas a manifest keeps. */
class WrittenValuesTest {
  private static final RegisteredSchema CARTS = new RegisteredSchema(7, SchemaType.JSON, """
      {"type": "object", "properties": {"id": {"type": "integer"}, "note": {"type": "string"}}}""", Optional.empty(), List.of());

  @Test
  void aJsonValueOfASegmentUploadedBeforeTheShapeColumnIsWhatADefaultObjectMapperWrites() {
    // what a Floe without the shape column placed, bound and kept in the manifest
    Types.StructType columns = JsonSchemaColumns.of(CARTS);
    Schema table = ValueColumnPlacement.evolved(KafkaColumns.SCHEMA, columns);
    ColumnBinding binding = ValueColumnPlacement.bind(table, columns);
    WriterSchemaEntry entry = ManifestWriterSchemas.entry(new WriterSchema(CARTS, List.of()), binding.tableIdsByLocalId());
    Record value = GenericRecord.create(columns);
    value.setField("id", 1L);
    Record row = GenericRecord.create(table);
    binding.write(value, row);

    byte[] rebuilt = new WrittenValues(List.of(entry), table).valueOf(new WriterSchema.Key(7, List.of()), row);

    assertArrayEquals(WireFormat.encode(WireValue.of(7, "{\"id\":1,\"note\":null}".getBytes(StandardCharsets.UTF_8))), rebuilt);
  }
}
