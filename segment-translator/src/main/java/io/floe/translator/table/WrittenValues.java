package io.floe.translator.table;

import io.floe.translator.manifest.WriterSchemaEntry;
import io.floe.translator.value.ValueCodec;
import io.floe.translator.typing.ValueCodecs;
import io.floe.translator.value.WireFormat;
import io.floe.translator.value.WireValue;
import io.floe.translator.value.WriterSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;

/**
 * Typed values rebuilt with the writer schemas a segment manifest keeps: no registry is asked
 * (promise 4). Each value is its writer schema's framing followed by the payload its codec writes
 * from the row's columns (the payload alone for a schema inferred from schemaless JSON); the upload checked that this gives back the value's exact bytes.
 *
 * <p>Holds nothing that changes: one may serve many threads.
 */
public final class WrittenValues implements TypedValues {
  private final Map<WriterSchema.Key, Writer> writers = new HashMap<>();

  /**
   * @param dataSchema the schema the segment's data files were written with
   * @throws io.floe.translator.value.UnsupportedSchemaException or IllegalArgumentException when an
   *     entry's schema or column ids do not fit the data schema: the manifest is not what Floe wrote
   */
  public WrittenValues(List<WriterSchemaEntry> entries, Schema dataSchema) {
    for (WriterSchemaEntry entry : entries) {
      WriterSchema writer = ManifestWriterSchemas.writer(entry);
      ValueCodec codec = ValueCodecs.of(writer);
      ColumnBinding binding = ColumnBinding.of(codec.columns(), dataSchema, entry.tableIdsByLocalId());
      writers.put(writer.key(), new Writer(codec, binding));
    }
  }

  @Override
  public byte[] valueOf(WriterSchema.Key writer, Record row) {
    Writer found = writers.get(writer);
    if (found == null) {
      throw new IllegalStateException("Row has typed columns of schema " + writer.schemaId() + " (message indexes "
          + writer.messageIndexes() + "), which the segment's manifest does not list");
    }
    byte[] payload = found.codec().encode(found.binding().read(row));
    if (!writer.framed()) {
      return payload;
    }
    return WireFormat.encode(new WireValue(writer.schemaId(), writer.messageIndexes(), payload));
  }

  private record Writer(ValueCodec codec, ColumnBinding binding) {}
}
