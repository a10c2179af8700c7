package io.floe.writer;

/**
 * Settings of the writer.
 *
 * @param namespace the catalog namespace of the topics' tables, dot-separated for nested levels
 * @param manifestPrefix where segment manifests go, a location the {@code FileIO} understands
 * @param targetFileSizeBytes a data file is closed at the first batch boundary past this size
 * @param rowGroupSizeBytes the largest Parquet row group, and so about the memory one open data
 *     file buffers; a table whose own row-group size is smaller keeps its own
 */
public record WriterSettings(
    String namespace, String manifestPrefix, long targetFileSizeBytes, long rowGroupSizeBytes) {

  public WriterSettings {
    if (namespace == null || namespace.isBlank()) {
      throw new IllegalArgumentException("Invalid writer namespace: must not be empty");
    }
    if (manifestPrefix == null || manifestPrefix.isBlank()) {
      throw new IllegalArgumentException("Invalid manifest prefix: must not be empty");
    }
    if (targetFileSizeBytes <= 0) {
      throw new IllegalArgumentException("Invalid target file size " + targetFileSizeBytes + ": must be positive");
    }
    if (rowGroupSizeBytes <= 0) {
      throw new IllegalArgumentException("Invalid row group size " + rowGroupSizeBytes + ": must be positive");
    }
  }
}
