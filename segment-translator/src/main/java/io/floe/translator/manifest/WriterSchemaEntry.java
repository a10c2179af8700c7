package io.floe.translator.manifest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A writer schema the segment's typed values use, as the manifest keeps it so that a fetch needs no
 * registry (promise 4): the schema with everything it refers to, which message of it the values are
 * (a Protobuf value's message indexes; empty for Avro and JSON), and where each of its columns is in
 * the data files (its local field ids mapped to the table's).
 */
public record WriterSchemaEntry(StoredSchema schema, List<Integer> messageIndexes, Map<Integer, Integer> tableIdsByLocalId) {
  public WriterSchemaEntry {
    messageIndexes = List.copyOf(messageIndexes);
    tableIdsByLocalId = Map.copyOf(tableIdsByLocalId);
  }

  /** The ids in local-id order, as the manifest writes them. */
  Map<Integer, Integer> sortedIds() {
    return new TreeMap<>(tableIdsByLocalId);
  }
}
