package io.floe.plugin.tool;

import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.KafkaIndexes;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.manifest.StoredSchema;
import io.floe.translator.manifest.WriterSchemaEntry;
import io.floe.translator.row.Fidelity;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.SchemaParser;

/** A segment manifest as {@code floe manifest} prints it: for people, one section after another. */
final class ManifestText {
  private ManifestText() {}

  static void print(PrintWriter out, String location, SegmentManifest manifest, boolean everyBatch) {
    SegmentRef segment = manifest.segment();
    out.println("manifest " + location);
    out.println("segment " + segment.segmentId() + " of " + segment.topic() + "-" + segment.partition()
        + " (topic id " + segment.topicId() + ")");
    out.println("  offsets " + segment.startOffset() + "-" + segment.endOffset() + ", "
        + manifest.segmentSizeInBytes() + " bytes as Kafka wrote it");
    out.println("table " + manifest.tableName());
    out.println();
    out.println("data schema:");
    SchemaText.print(out, SchemaParser.fromJson(manifest.dataSchemaJson()), "  ");
    out.println();
    printWriterSchemas(out, manifest);
    printFiles(out, manifest);
    printBatches(out, manifest, everyBatch);
    printIndexes(out, manifest.indexes());
  }

  private static void printWriterSchemas(PrintWriter out, SegmentManifest manifest) {
    out.println("writer schemas: " + manifest.writerSchemas().size() + (manifest.writerSchemas().isEmpty()
        ? " (values kept raw, or no typed value)" : ""));
    for (WriterSchemaEntry entry : manifest.writerSchemas()) {
      StoredSchema schema = entry.schema();
      out.println("  schema " + schema.id() + " (" + schema.format().name().toLowerCase(Locale.ROOT) + ")"
          + (entry.messageIndexes().isEmpty() ? "" : ", message indexes " + entry.messageIndexes())
          + ", " + entry.tableIdsByLocalId().size() + " columns in the table"
          + (schema.references().isEmpty() ? "" : ", references " + schema.references().stream()
              .map(r -> r.name() + " (" + r.subject() + " v" + r.version() + ")").collect(Collectors.joining(", "))));
      indent(out, "  " + schema.text().strip().replace("\n", "\n  "));
    }
    out.println();
  }

  private static void printFiles(PrintWriter out, SegmentManifest manifest) {
    long bytes = manifest.files().stream().mapToLong(DataFileRef::sizeInBytes).sum();
    long rows = manifest.files().stream().mapToLong(DataFileRef::rowCount).sum();
    out.println("data files: " + manifest.files().size() + ", " + bytes + " bytes, " + rows + " rows");
    for (int i = 0; i < manifest.files().size(); i++) {
      DataFileRef file = manifest.files().get(i);
      out.println("  [" + i + "] " + file.location());
      out.println("      " + file.sizeInBytes() + " bytes, " + file.rowCount() + " rows, "
          + file.rowGroups().size() + " row group" + (file.rowGroups().size() == 1 ? "" : "s"));
      for (DataFileRef.RowGroup group : file.rowGroups()) {
        out.println("      row group at byte " + group.startingPosition() + ": rows " + group.firstRow() + "-"
            + (group.firstRow() + group.rowCount() - 1));
      }
    }
    out.println();
  }

  private static void printBatches(PrintWriter out, SegmentManifest manifest, boolean everyBatch) {
    Map<Fidelity, Long> byFidelity = new EnumMap<>(Fidelity.class);
    for (Fidelity fidelity : Fidelity.values()) {
      byFidelity.put(fidelity, 0L);
    }
    manifest.batches().forEach(batch -> byFidelity.merge(batch.fidelity(), 1L, Long::sum));
    long rows = manifest.batches().stream().mapToLong(BatchEntry::rowCount).sum();
    out.println("batches: " + manifest.batches().size() + " (" + byFidelity.entrySet().stream()
        .map(e -> label(e.getKey()) + "=" + e.getValue()).collect(Collectors.joining(" ")) + "), " + rows + " rows");
    if (everyBatch) {
      for (BatchEntry batch : manifest.batches()) {
        out.println("  position " + batch.position() + " size " + batch.sizeInBytes() + " offsets "
            + batch.baseOffset() + "-" + batch.lastOffset() + " " + label(batch.fidelity()) + " rows "
            + batch.runs().stream().map(run -> "[" + run.file() + "] " + run.firstRow() + "+" + run.rowCount())
                .collect(Collectors.joining(", ")));
      }
    }
    out.println();
  }

  private static void printIndexes(PrintWriter out, KafkaIndexes indexes) {
    out.println("indexes: offset " + indexes.offsetIndex().length + " bytes, time " + indexes.timeIndex().length
        + " bytes, transaction " + indexes.transactionIndex().map(bytes -> bytes.length + " bytes").orElse("none")
        + ", producer snapshot " + indexes.producerSnapshot().length + " bytes, leader epoch "
        + indexes.leaderEpoch().length + " bytes");
  }

  /** As {@code verify-segment} names verdicts: {@code byte-identical}, {@code record-identical}, {@code raw}. */
  static String label(Fidelity fidelity) {
    return fidelity.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static void indent(PrintWriter out, String text) {
    text.lines().forEach(line -> out.println("  " + line));
  }
}
