package io.floe.writer.commit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestWriter;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.TableUtil;
import org.apache.iceberg.io.OutputFile;

/**
 * The manifest of a segment's files for the Kafka view's append, written by the committing thread
 * itself. Iceberg writes the manifest of files added to a snapshot through its shared worker pool
 * whatever executor the update is given ({@link ManifestWork}), sleeping 10 ms while it waits; an
 * appended manifest it takes as it is. Format versions from 2 on inherit the snapshot's id, so the
 * table owns the manifest once the commit lands; until then it is the upload's to take back.
 */
final class KafkaViewManifest {
  /** The first format version whose manifests inherit their snapshot's id: before it Iceberg copies an appended one. */
  private static final int FIRST_VERSION_INHERITING = 2;

  private KafkaViewManifest() {}

  /**
   * Whether {@code files} can be appended as one manifest the table takes as it is: a manifest has
   * one partition spec.
   */
  static boolean fits(Table table, List<DataFile> files) {
    return !files.isEmpty() && TableUtil.formatVersion(table) >= FIRST_VERSION_INHERITING
        && table instanceof HasTableOperations
        && files.stream().allMatch(file -> file.specId() == files.get(0).specId());
  }

  /** Where a new manifest goes: beside the table's metadata, named as Iceberg names its own. */
  static String location(Table table) {
    TableOperations operations = ((HasTableOperations) table).operations();
    return operations.metadataFileLocation(FileFormat.AVRO.addExtension(UUID.randomUUID() + "-m0"));
  }

  /** Writes the manifest of {@code files}, which {@link #fits} the table, at {@code location}. */
  static ManifestFile write(Table table, String location, List<DataFile> files) {
    OutputFile out = table.io().newOutputFile(location);
    ManifestWriter<DataFile> writer = ManifestFiles.write(TableUtil.formatVersion(table),
        table.specs().get(files.get(0).specId()), out, null);
    try {
      try (writer) {
        files.forEach(writer::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the Kafka view's manifest " + location + ": " + e.getMessage(), e);
    }
    return writer.toManifestFile();
  }
}
