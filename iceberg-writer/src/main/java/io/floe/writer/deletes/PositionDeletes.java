package io.floe.writer.deletes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableUtil;
import org.apache.iceberg.deletes.BaseDVFileWriter;
import org.apache.iceberg.deletes.PositionDelete;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.util.StructLikeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the delete files that remove rows from a table by position, in the form the table's
 * format version calls for: Parquet position delete files up to v2, deletion vectors in a Puffin
 * file from v3 on (where v3 forbids position delete files).
 */
public final class PositionDeletes {
  private static final Logger LOG = LoggerFactory.getLogger(PositionDeletes.class);
  private static final int FIRST_VERSION_WITH_DVS = 3;
  /** A delete file must list its positions sorted by data file, then position. */
  private static final Comparator<LocatedRow> FILE_ORDER =
      Comparator.comparing((LocatedRow row) -> row.file().location()).thenComparingLong(LocatedRow::position);

  private PositionDeletes() {}

  /**
   * Writes position delete files that delete {@code rows} (any mix of data files), one file per
   * partition (spec and partition value) of their data files, through the table's FileIO into the
   * table's data location, file names starting with {@code namePrefix} (a segment id and an attempt id, as
   * data file names carry). Returns them, ready for a RowDelta's addDeletes. Empty
   * rows: no file.
   *
   * <p>On a table of format v3 or later the deletes are deletion vectors instead, one per data
   * file, all in one Puffin file. A data file must not have a deletion vector already: Iceberg
   * allows one per data file.
   *
   * @throws DeleteFileException if a file cannot be written; what this call wrote is deleted
   */
  public static List<DeleteFile> write(Table table, Collection<LocatedRow> rows, String namePrefix) {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> written = new ArrayList<>();
    try {
      return TableUtil.formatVersion(table) >= FIRST_VERSION_WITH_DVS
          ? writeVector(table, sorted(rows), namePrefix, written)
          : writeFiles(table, rows, namePrefix, written);
    } catch (IOException | RuntimeException e) {
      deleteAll(table, written);
      throw new DeleteFileException(String.format("Cannot write position deletes of %d rows of table %s to %s: %s",
          rows.size(), table.name(), written.isEmpty() ? table.location() : written.get(written.size() - 1),
          e.getMessage()), e);
    }
  }

  private static List<DeleteFile> writeFiles(Table table, Collection<LocatedRow> rows, String namePrefix,
      List<String> written) throws IOException {
    List<DeleteFile> files = new ArrayList<>();
    for (var bySpec : bySpecAndPartition(table, rows).entrySet()) {
      PartitionSpec spec = table.specs().get(bySpec.getKey());
      for (var byPartition : bySpec.getValue().entrySet()) {
        String name = String.format("%sdeletes-%05d.parquet", namePrefix, files.size());
        String location = spec.isUnpartitioned()
            ? table.locationProvider().newDataLocation(name)
            : table.locationProvider().newDataLocation(spec, byPartition.getKey(), name);
        written.add(location);
        files.add(writeFile(table, spec, byPartition.getKey(), sorted(byPartition.getValue()), location));
      }
    }
    return files;
  }

  private static DeleteFile writeFile(Table table, PartitionSpec spec, StructLike partition, List<LocatedRow> rows,
      String location) throws IOException {
    PositionDeleteWriter<Void> writer = Parquet.writeDeletes(table.io().newOutputFile(location))
        // Not forTable: that would keep each deleted row's data too, which nothing needs.
        .setAll(table.properties())
        .metricsConfig(MetricsConfig.forPositionDelete(table))
        .withSpec(spec)
        .withPartition(partition)
        .overwrite()
        .buildPositionWriter();
    try (writer) {
      PositionDelete<Void> delete = PositionDelete.create();
      for (LocatedRow row : rows) {
        writer.write(delete.set(row.file().location(), row.position()));
      }
    }
    return writer.toDeleteFile();
  }

  private static List<DeleteFile> writeVector(Table table, List<LocatedRow> rows, String namePrefix,
      List<String> written) throws IOException {
    String location = table.locationProvider().newDataLocation(namePrefix + "deletes.puffin");
    written.add(location);
    // No previous deletion vectors to merge: the caller deletes rows of files that have none.
    BaseDVFileWriter writer = new BaseDVFileWriter(() -> table.io().newOutputFile(location), path -> null);
    try (writer) {
      for (LocatedRow row : rows) {
        writer.delete(row.file().location(), row.position(), table.specs().get(row.file().specId()),
            row.file().partition());
      }
    }
    return writer.result().deleteFiles();
  }

  /** The rows by the spec and partition value of their data files. */
  private static Map<Integer, StructLikeMap<List<LocatedRow>>> bySpecAndPartition(Table table,
      Collection<LocatedRow> rows) {
    Map<Integer, StructLikeMap<List<LocatedRow>>> groups = new TreeMap<>();
    for (LocatedRow row : rows) {
      int specId = row.file().specId();
      groups.computeIfAbsent(specId, id -> StructLikeMap.create(table.specs().get(id).partitionType()))
          .computeIfAbsent(row.file().partition(), partition -> new ArrayList<>())
          .add(row);
    }
    return groups;
  }

  private static List<LocatedRow> sorted(Collection<LocatedRow> rows) {
    List<LocatedRow> sorted = new ArrayList<>(rows);
    sorted.sort(FILE_ORDER);
    return sorted;
  }

  private static void deleteAll(Table table, List<String> locations) {
    for (String location : locations) {
      try {
        table.io().deleteFile(location);
      } catch (NotFoundException e) {
        // Never written: nothing to take back.
      } catch (RuntimeException e) {
        LOG.warn("Cannot delete {} left by failed position deletes: {}", location, e.toString());
      }
    }
  }
}
