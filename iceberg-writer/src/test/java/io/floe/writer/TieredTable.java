package io.floe.writer;

import java.util.Optional;
import java.time.Clock;
import io.floe.writer.manifest.ManifestStore;
import io.floe.writer.maintenance.TableMaintenance;
import io.floe.writer.maintenance.MaintenanceSettings;
import io.floe.writer.commit.KafkaViewBranch;
import io.floe.writer.maintenance.ReferencedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * A table of the warehouse with segments tiered into it, each its own commit, for maintenance to
 * work on; its catalog's FileIO lists ({@link ListingFileIO}) unless the test gives another.
 */
final class TieredTable {
  final Warehouse warehouse;
  final SegmentUploader uploader;
  private final Path dir;
  private int uploads;

  TieredTable(Path dir) {
    this(dir, ListingFileIO.class);
  }

  TieredTable(Path dir, Class<? extends LocalFileIO> io) {
    this.dir = dir;
    this.warehouse = new Warehouse(dir, io);
    this.uploader = warehouse.uploader();
  }

  /**
   * A maintenance pass with {@code settings} that finds no segment manifest (they are elsewhere), so
   * that the Kafka view lets every file go that main let go; its re-pointing would refuse every
   * segment anyway: the writer cannot replay one (the plugin's tests re-point with the fetch path's check).
   */
  TableMaintenance maintenance(MaintenanceSettings settings, Clock clock) {
    return new TableMaintenance(settings, "broker 1", clock,
        new ManifestStore(table().io(), dir.resolve("no-manifests").toString()),
        (location, before, after) -> Optional.of("the writer's tests replay no segment"));
  }

  /** Tiers {@code count} segments of ten records, round the partitions 0, 1 and 2; returns the uploads. */
  List<SegmentUpload> tier(int count) {
    return IntStream.range(0, count).mapToObj(i -> tier(i % 3, (i / 3) * 10L)).toList();
  }

  SegmentUpload tier(int partition, long baseOffset) {
    int n = uploads++;
    SegmentUpload upload = CommitTest.upload(dir.resolve("segment-" + n), partition,
        String.format("Segment%03dAAAAAAAAAAAA", n), baseOffset, 10);
    uploader.upload(upload);
    return upload;
  }

  Table table() {
    return warehouse.table();
  }

  List<Record> mainRows() {
    return Warehouse.rows(table());
  }

  /** The Kafka view's rows: what fetches of every tiered segment read. */
  List<Record> kafkaViewRows() {
    return Warehouse.kafkaViewRows(table());
  }

  /** The data files the head of the Kafka view's branch lists. */
  Set<String> kafkaViewFiles() {
    Table table = table();
    Set<String> files = new HashSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useRef(KafkaViewBranch.NAME).planFiles()) {
      tasks.forEach(task -> files.add(ReferencedFiles.canonical(task.file().location())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The snapshots of {@code main}'s history. */
  List<Snapshot> mainHistory() {
    Table table = table();
    return StreamSupport.stream(SnapshotUtil.ancestorsOf(table.currentSnapshot().snapshotId(), table::snapshot)
        .spliterator(), false).toList();
  }

  /** A file under the table's data location that nothing references, written {@code age} ago. */
  Path orphan(String name, Duration age) {
    Path file = Path.of(ReferencedFiles.canonical(ReferencedFiles.dataLocation(table()))).resolve(name);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, new byte[] {'P', 'A', 'R', '1'});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return age(file, age);
  }

  /** Makes every file under the warehouse look written {@code age} ago. */
  void ageEveryFile(Duration age) {
    try (Stream<Path> files = Files.walk(dir.resolve("warehouse"))) {
      files.filter(Files::isRegularFile).forEach(file -> age(file, age));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path age(Path file, Duration age) {
    try {
      return Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
