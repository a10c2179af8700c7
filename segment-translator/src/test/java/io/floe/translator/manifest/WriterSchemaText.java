package io.floe.translator.manifest;

import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/** Writer schema entries as comparable text: a schema's descriptor is an array, which records compare by identity. */
final class WriterSchemaText {
  private WriterSchemaText() {}

  static List<String> of(List<WriterSchemaEntry> entries) {
    return entries.stream()
        .map(entry -> of(entry.schema()) + entry.messageIndexes() + new TreeMap<>(entry.tableIdsByLocalId()))
        .toList();
  }

  static String of(StoredSchema schema) {
    return schema.id() + "/" + schema.format() + "/" + schema.text() + "/"
        + schema.fileDescriptorProto().map(Arrays::toString).orElse("-") + "/"
        + schema.references().stream()
            .map(r -> r.name() + "@" + r.subject() + "@" + r.version() + ":" + of(r.schema()))
            .toList();
  }
}
