package io.floe.writer.repoint;

import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.data.AttemptFiles;
import io.floe.writer.data.CheckedParquetRows;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SchemaParser;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.iceberg.parquet.Parquet;

/**
 * Rows only the Kafka view holds (control records, aborted data, rows that lost to a newer leader
 * epoch) are in small files, one or two per upload, that no compaction of {@code main} touches.
 * This copies the small ones of a table partition, file after file, each in its own row order, into
 * one file of the branch, so that their segments can be re-pointed at it by position alone; a
 * small copy is copied again with the files that came since, so a partition converges to few
 * files. Files are grouped by the data schema their segments' manifests read them with, and the
 * copy is written with it, so that a fetch reads the copy as it read the files.
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

  /** Small files of one table partition and data schema, to be copied into one file, and the segments that read them. */
  record Group(PartitionSpec spec, StructLike partition, String dataSchemaJson, List<DataFile> files,
      Set<SegmentRef> segments) {}

  /** A copy in the branch's table partition, and where each file's rows are in it. */
  record Copy(DataFile file, Map<String, Placement> placements) {}

  private record Candidate(DataFile file, List<SegmentRef> readers) {}

  private KafkaOnlyCompaction() {}

  /**
   * The groups of two or more small files that only the Kafka view holds, that an upload or an
   * earlier copy wrote (so that their readers are known), and that no earlier copy or retirement
   * took already.
   */
  static List<Group> groups(Table table, ViewFiles views, Set<String> taken, TopicManifests manifests) {
    Map<String, List<Candidate>> byKey = new LinkedHashMap<>();
    Map<String, String> schemas = new LinkedHashMap<>();
    views.kafkaView().values().stream()
        .filter(file -> !views.main().contains(file.location()) && !views.pending().contains(file.location())
            && !views.removed().contains(file.location()) && !taken.contains(file.location())
            && (AttemptFiles.segmentOf(file.location()).isPresent() || isCopy(file.location()))
            && file.format() == FileFormat.PARQUET && file.fileSizeInBytes() <= SMALL_FILE_BYTES)
        .sorted(Comparator.comparing(DataFile::location))
        .forEach(file -> {
          List<SegmentRef> readers = manifests.readers(file.location()).orElse(List.of());
          Optional<String> schema = readers.isEmpty() ? Optional.empty()
              : manifests.read(readers.get(0)).map(SegmentManifest::dataSchemaJson);
          schema.ifPresent(json -> {
            String key = file.specId() + "/" + table.specs().get(file.specId()).partitionToPath(file.partition()) + "/"
                + json;
            schemas.put(key, json);
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Candidate(file, readers));
          });
        });
    List<Group> groups = new ArrayList<>();
    byKey.forEach((key, candidates) -> {
      List<Candidate> group = new ArrayList<>();
      long bytes = 0;
      for (Candidate candidate : candidates) {
        if (!group.isEmpty() && bytes + candidate.file().fileSizeInBytes() > COPY_BYTES) {
          add(table, group, schemas.get(key), groups);
          group = new ArrayList<>();
          bytes = 0;
        }
        group.add(candidate);
        bytes += candidate.file().fileSizeInBytes();
      }
      add(table, group, schemas.get(key), groups);
    });
    return groups;
  }

  private static void add(Table table, List<Candidate> candidates, String schema, List<Group> groups) {
    if (candidates.size() > 1) {
      DataFile first = candidates.get(0).file();
      groups.add(new Group(table.specs().get(first.specId()), first.partition(), schema,
          candidates.stream().map(Candidate::file).toList(),
          candidates.stream().flatMap(candidate -> candidate.readers().stream())
              .collect(Collectors.toCollection(LinkedHashSet::new))));
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
   * Writes the group's rows into one new file of its table partition, read and written with the
   * group's data schema.
   *
   * @throws IllegalStateException if a file holds another number of rows than the table says, or
   *     has a page that does not match its checksum
   */
  static Copy write(Table table, Group group) {
    String location = table.locationProvider().newDataLocation(group.spec(), group.partition(),
        COPY_PREFIX + UUID.randomUUID() + ".parquet");
    Schema schema = SchemaParser.fromJson(group.dataSchemaJson());
    Map<String, Placement> placements = new LinkedHashMap<>();
    DataWriter<Record> writer;
    try {
      writer = Parquet.writeData(table.io().newOutputFile(location))
          .forTable(table)
          .schema(schema)
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
          long copied = copy(table, schema, file, writer);
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

  private static long copy(Table table, Schema schema, DataFile file, DataWriter<Record> writer) throws IOException {
    long rows = 0;
    try (CloseableIterable<Record> records = CheckedParquetRows.of(
        table.io().newInputFile(file.location(), file.fileSizeInBytes()), schema)) {
      for (Record record : records) {
        writer.write(record);
        rows++;
      }
    } catch (ParquetDecodingException e) {
      throw new IllegalStateException("Cannot copy data file " + file.location() + ": " + e.getMessage(), e);
    }
    return rows;
  }
}
