package io.floe.writer.repoint;

import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.data.AttemptFiles;
import io.floe.writer.data.FooterProperties;
import io.floe.writer.repoint.RewrittenFiles.Placement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;

/**
 * Rows only the Kafka view holds (control records, aborted data, rows that lost to a newer leader
 * epoch) are in small files, one or two per upload, that no compaction of {@code main} ever
 * touches. This copies those of one table partition, file after file, each in its own row order,
 * into one file of the branch, so that their segments can be re-pointed at it by position alone.
 */
final class KafkaOnlyCompaction {
  /** An upload's Kafka-view-only files are usually a few KiB; larger ones are left as they are. */
  static final long SMALL_FILE_BYTES = 8L << 20;
  /** What one copy holds at most: Parquet buffers a row group of it at a time. */
  static final long COPY_BYTES = 128L << 20;

  /**
   * A copy's footer key: the segments whose rows it holds, one a line ({@code <topicId> <partition>
   * <segmentId>}). Only they can list it, so whether it is still listed is a read of their manifests.
   */
  static final String SEGMENTS_KEY = "floe.kafka-view.segments";
  private static final String COPY_PREFIX = "kafka-view-";

  /** Small files of one table partition, to be copied into one file, and the segments that wrote them. */
  record Group(PartitionSpec spec, StructLike partition, List<DataFile> files, Set<SegmentRef> segments) {}

  /** A copy in the branch's table partition, and where each file's rows are in it. */
  record Copy(DataFile file, Map<String, Placement> placements) {}

  private KafkaOnlyCompaction() {}

  /**
   * The groups of two or more small files that only the Kafka view holds, that an upload wrote (so
   * that only its own segment lists them), and that no earlier copy or retirement took already.
   */
  static List<Group> groups(Table table, ViewFiles views, Set<String> taken, Map<String, SegmentRef> segments) {
    Map<String, List<DataFile>> byPartition = new LinkedHashMap<>();
    views.kafkaView().values().stream()
        .filter(file -> !views.main().contains(file.location()) && !views.pending().contains(file.location())
            && !views.removed().contains(file.location()) && !taken.contains(file.location())
            && AttemptFiles.segmentOf(file.location()).filter(segments::containsKey).isPresent()
            && file.format() == FileFormat.PARQUET
            && file.fileSizeInBytes() <= SMALL_FILE_BYTES)
        .sorted(Comparator.comparing(DataFile::location))
        .forEach(file -> byPartition.computeIfAbsent(file.specId() + "/"
            + table.specs().get(file.specId()).partitionToPath(file.partition()), key -> new ArrayList<>()).add(file));
    List<Group> groups = new ArrayList<>();
    for (List<DataFile> files : byPartition.values()) {
      List<DataFile> group = new ArrayList<>();
      long bytes = 0;
      for (DataFile file : files) {
        if (!group.isEmpty() && bytes + file.fileSizeInBytes() > COPY_BYTES) {
          add(table, group, segments, groups);
          group = new ArrayList<>();
          bytes = 0;
        }
        group.add(file);
        bytes += file.fileSizeInBytes();
      }
      add(table, group, segments, groups);
    }
    return groups;
  }

  private static void add(Table table, List<DataFile> files, Map<String, SegmentRef> segments, List<Group> groups) {
    if (files.size() > 1) {
      DataFile first = files.get(0);
      Set<SegmentRef> writers = files.stream()
          .map(file -> segments.get(AttemptFiles.segmentOf(file.location()).orElseThrow()))
          .collect(Collectors.toCollection(LinkedHashSet::new));
      groups.add(new Group(table.specs().get(first.specId()), first.partition(), List.copyOf(files), writers));
    }
  }

  /** Whether the file at {@code location} is a copy this made. */
  static boolean isCopy(String location) {
    return location.substring(location.lastIndexOf('/') + 1).startsWith(COPY_PREFIX);
  }

  /** The segments whose rows the copy at {@code location} holds, as its footer says, of {@code topic}. */
  static List<SegmentRef> segmentsOf(Table table, String location, String topic) {
    String lines = FooterProperties.of(table.io().newInputFile(location)).get(SEGMENTS_KEY);
    if (lines == null) {
      throw new IllegalStateException("Cannot tell which segments read data file " + location + ": its footer has no "
          + SEGMENTS_KEY);
    }
    return lines.lines().map(line -> line.split(" ", 3))
        .map(fields -> new SegmentRef(topic, fields[0], Integer.parseInt(fields[1]), fields[2], -1, -1)).toList();
  }

  /**
   * Writes the group's rows into one new file of its table partition, as the table's schema reads
   * them.
   *
   * @throws IllegalStateException if a file holds another number of rows than the table says
   */
  static Copy write(Table table, Group group) {
    String location = table.locationProvider().newDataLocation(group.spec(), group.partition(),
        COPY_PREFIX + UUID.randomUUID() + ".parquet");
    Map<String, Placement> placements = new LinkedHashMap<>();
    DataWriter<Record> writer;
    try {
      writer = Parquet.writeData(table.io().newOutputFile(location))
          .forTable(table)
          .withSpec(group.spec())
          .withPartition(group.partition())
          .meta(SEGMENTS_KEY, group.segments().stream()
              .map(segment -> segment.topicId() + " " + segment.partition() + " " + segment.segmentId())
              .collect(Collectors.joining("\n")))
          .createWriterFunc(GenericParquetWriter::create)
          .overwrite()
          .build();
      long rows = 0;
      try (writer) {
        for (DataFile file : group.files()) {
          placements.put(file.location(), new Placement(location, rows));
          long copied = copy(table, file, writer);
          if (copied != file.recordCount()) {
            throw new IllegalStateException(String.format("Cannot copy data file %s: it holds %d rows, the table "
                + "says %d", file.location(), copied, file.recordCount()));
          }
          rows += copied;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write data file " + location + ": " + e.getMessage(), e);
    }
    return new Copy(writer.toDataFile(), placements);
  }

  private static long copy(Table table, DataFile file, DataWriter<Record> writer) throws IOException {
    long rows = 0;
    try (CloseableIterable<Record> records = Parquet.read(table.io().newInputFile(file.location()))
        .project(table.schema())
        .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(table.schema(), fileSchema))
        .build()) {
      for (Record record : records) {
        writer.write(record);
        rows++;
      }
    }
    return rows;
  }
}
