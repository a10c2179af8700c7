package io.floe.translator.manifest;

import java.util.List;

/**
 * Everything a fetch needs to serve a tiered segment from object storage alone (promise 4): the
 * data files and the schema they were written with, the writer schemas of its typed values, where
 * each original batch's rows are, and the segment's Kafka indexes. One small object per segment, at a path derived from the segment's
 * identity ({@link ManifestPaths}).
 */
public record SegmentManifest(
    SegmentRef segment,
    String tableName,
    String dataSchemaJson,
    List<WriterSchemaEntry> writerSchemas,
    List<DataFileRef> files,
    List<BatchEntry> batches,
    KafkaIndexes indexes) implements StoredManifest {

  public SegmentManifest {
    writerSchemas = List.copyOf(writerSchemas);
    files = List.copyOf(files);
    batches = List.copyOf(batches);
  }

  /** Bytes of the original segment: where its last batch ends. */
  public long segmentSizeInBytes() {
    if (batches.isEmpty()) {
      return 0;
    }
    BatchEntry last = batches.get(batches.size() - 1);
    return last.position() + last.sizeInBytes();
  }
}
