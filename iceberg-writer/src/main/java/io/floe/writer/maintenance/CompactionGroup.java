package io.floe.writer.maintenance;

import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;

/**
 * Small data files of {@code main} that a compaction rewrites into one: all of one table partition
 * and one Kafka partition, in the order of their offsets.
 */
record CompactionGroup(PartitionSpec spec, StructLike partition, int kafkaPartition, List<DataFile> files) {
  long bytes() {
    return files.stream().mapToLong(DataFile::fileSizeInBytes).sum();
  }

  long rows() {
    return files.stream().mapToLong(DataFile::recordCount).sum();
  }

  /** The group as a report names it: its table partition, Kafka partition and offsets. */
  String describe() {
    return (spec.isUnpartitioned() ? "" : spec.partitionToPath(partition) + " ") + "partition " + kafkaPartition
        + " (" + files.size() + " files)";
  }
}
