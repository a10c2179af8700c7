package io.floe.translator.table;

import io.floe.translator.manifest.StoredSchema;
import io.floe.translator.manifest.WriterSchemaEntry;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaReference;
import io.floe.translator.registry.SchemaType;
import io.floe.translator.value.WriterSchema;
import java.util.Map;

/**
 * Writer schemas to and from what a segment manifest stores of them: the one edge where the
 * registry client's records meet the manifest's own, so that neither the manifest nor its format
 * on disk follows changes to the client. The upload converts when it builds a manifest; the fetch
 * when it reads one.
 */
public final class ManifestWriterSchemas {
  private ManifestWriterSchemas() {}

  /** The manifest's entry of a writer schema whose columns are at {@code tableIdsByLocalId} in the table. */
  public static WriterSchemaEntry entry(WriterSchema writer, Map<Integer, Integer> tableIdsByLocalId) {
    return new WriterSchemaEntry(stored(writer.schema()), writer.messageIndexes(), tableIdsByLocalId);
  }

  /** The writer schema a manifest's entry stores, as the codecs take it. */
  public static WriterSchema writer(WriterSchemaEntry entry) {
    return new WriterSchema(registered(entry.schema()), entry.messageIndexes());
  }

  private static StoredSchema stored(RegisteredSchema schema) {
    return new StoredSchema(schema.id(), format(schema.type()), schema.schema(), schema.fileDescriptorProto(),
        schema.references().stream().map(reference -> new StoredSchema.Reference(
            reference.name(), reference.subject(), reference.version(), stored(reference.schema()))).toList());
  }

  private static RegisteredSchema registered(StoredSchema schema) {
    return new RegisteredSchema(schema.id(), type(schema.format()), schema.text(), schema.fileDescriptorProto(),
        schema.references().stream().map(reference -> new SchemaReference(
            reference.name(), reference.subject(), reference.version(), registered(reference.schema()))).toList());
  }

  private static StoredSchema.Format format(SchemaType type) {
    return switch (type) {
      case AVRO -> StoredSchema.Format.AVRO;
      case PROTOBUF -> StoredSchema.Format.PROTOBUF;
      case JSON -> StoredSchema.Format.JSON;
    };
  }

  private static SchemaType type(StoredSchema.Format format) {
    return switch (format) {
      case AVRO -> SchemaType.AVRO;
      case PROTOBUF -> SchemaType.PROTOBUF;
      case JSON -> SchemaType.JSON;
    };
  }
}
