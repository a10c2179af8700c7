package io.floe.writer.data;

import io.floe.translator.manifest.DataFileRef;
import org.apache.iceberg.DataFile;

/** A closed data file: as the table's commit adds it, and as the segment manifest lists it. */
public record WrittenFile(DataFile dataFile, DataFileRef ref) {}
