package io.floe.writer;

import io.floe.translator.manifest.WriterSchemaEntry;
import io.floe.translator.table.ColumnBinding;
import io.floe.translator.table.ManifestWriterSchemas;
import io.floe.translator.value.WriterSchema;

/** A writer schema of the segment's values, and where its columns are in the table the rows go to. */
record BoundWriter(WriterSchema writer, ColumnBinding binding) {

  /** What the manifest keeps of it, so that a fetch rebuilds the values without the registry. */
  WriterSchemaEntry manifestEntry() {
    return ManifestWriterSchemas.entry(writer, binding.tableIdsByLocalId());
  }
}
