package io.floe.translator.manifest;

import io.floe.translator.value.WriterSchema;
import java.util.Map;
import java.util.TreeMap;

/**
 * A writer schema the segment's typed values use, as the manifest keeps it so that a fetch needs no
 * registry (promise 4): the schema with everything it refers to, and where each of its columns is
 * in the data files (its local field ids mapped to the table's).
 */
public record WriterSchemaEntry(WriterSchema writer, Map<Integer, Integer> tableIdsByLocalId) {
  public WriterSchemaEntry {
    tableIdsByLocalId = Map.copyOf(tableIdsByLocalId);
  }

  /** The ids in local-id order, as the manifest writes them. */
  Map<Integer, Integer> sortedIds() {
    return new TreeMap<>(tableIdsByLocalId);
  }
}
