package io.floe.translator.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.translator.manifest.StoredSchema;
import io.floe.translator.manifest.WriterSchemaEntry;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaReference;
import io.floe.translator.registry.SchemaType;
import io.floe.translator.value.WriterSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A writer schema goes into the manifest's own records and comes back from them as it was. */
class ManifestWriterSchemasTest {
  private static final RegisteredSchema TIMESTAMP = new RegisteredSchema(11, SchemaType.PROTOBUF,
      "message Timestamp { int64 seconds = 1; }", Optional.of(new byte[] {1, 2, 3}), List.of());
  private static final RegisteredSchema SHIPMENT = new RegisteredSchema(12, SchemaType.PROTOBUF,
      "import \"google/protobuf/timestamp.proto\"; message Shipment { google.protobuf.Timestamp at = 1; }",
      Optional.of(new byte[] {4, 5, 6}),
      List.of(new SchemaReference("google/protobuf/timestamp.proto", "timestamp", 3, TIMESTAMP)));

  @Test
  void theEntryStoresTheSchemaItsReferencesTheMessageIndexesAndTheColumnIds() {
    WriterSchemaEntry entry = ManifestWriterSchemas.entry(new WriterSchema(SHIPMENT, List.of(1, 0)), Map.of(1, 101));

    StoredSchema stored = entry.schema();
    assertEquals(12, stored.id());
    assertEquals(StoredSchema.Format.PROTOBUF, stored.format());
    assertEquals(SHIPMENT.schema(), stored.text());
    assertArrayEquals(new byte[] {4, 5, 6}, stored.fileDescriptorProto().orElseThrow());
    StoredSchema.Reference reference = stored.references().get(0);
    assertEquals(List.of("google/protobuf/timestamp.proto", "timestamp", 3, 11),
        List.of(reference.name(), reference.subject(), reference.version(), reference.schema().id()));
    assertArrayEquals(new byte[] {1, 2, 3}, reference.schema().fileDescriptorProto().orElseThrow());
    assertEquals(List.of(1, 0), entry.messageIndexes());
    assertEquals(Map.of(1, 101), entry.tableIdsByLocalId());
  }

  @Test
  void theWriterSchemaOfAnEntryIsTheOneItWasMadeOf() {
    WriterSchema writer = new WriterSchema(SHIPMENT, List.of(1, 0));

    WriterSchema back = ManifestWriterSchemas.writer(ManifestWriterSchemas.entry(writer, Map.of()));

    assertEquals(writer.key(), back.key());
    assertEquals(describe(writer.schema()), describe(back.schema()));
  }

  @ParameterizedTest
  @EnumSource(SchemaType.class)
  void eachSchemaTypeIsStoredAsTheFormatOfTheSameName(SchemaType type) {
    RegisteredSchema schema = new RegisteredSchema(1, type, "{}",
        type == SchemaType.PROTOBUF ? Optional.of(new byte[0]) : Optional.empty(), List.of());

    WriterSchemaEntry entry = ManifestWriterSchemas.entry(new WriterSchema(schema, List.of()), Map.of());

    assertEquals(type.name(), entry.schema().format().name());
    assertEquals(type, ManifestWriterSchemas.writer(entry).schema().type());
  }

  /** A registered schema as comparable text: its descriptor is an array, which records compare by identity. */
  private static String describe(RegisteredSchema schema) {
    return schema.id() + "/" + schema.type() + "/" + schema.schema() + "/"
        + schema.fileDescriptorProto().map(java.util.Arrays::toString).orElse("-") + "/"
        + schema.references().stream()
            .map(r -> r.name() + "@" + r.subject() + "@" + r.version() + ":" + describe(r.schema())).toList();
  }
}
