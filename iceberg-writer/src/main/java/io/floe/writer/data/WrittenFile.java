package io.floe.writer.data;

import io.floe.translator.manifest.DataFileRef;
import org.apache.iceberg.DataFile;

/**
 * A closed data file: as the table's commits add it, as the segment manifest lists it, and which
 * view its rows are for (every file is in the Kafka view's branch).
 */
public record WrittenFile(DataFile dataFile, DataFileRef ref, Destination destination) {
  public boolean analystView() {
    return destination.kind() == Destination.Kind.MAIN;
  }
}
