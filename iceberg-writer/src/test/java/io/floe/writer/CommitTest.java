package io.floe.writer;

import static io.floe.translator.SampleRecords.records;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.translator.KafkaSegment;
import io.floe.translator.manifest.ManifestCodec;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.table.KafkaColumns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One append per segment: named in its snapshot, never repeated, serialized across a broker's partitions. */
class CommitTest {
  @TempDir
  Path dir;

  @Test
  void theAppendsSnapshotNamesTheTopicPartitionSegmentAndOffsets() {
    Warehouse warehouse = new Warehouse(dir);
    warehouse.uploader().upload(upload(dir, 3, "SummaryAAAAAAAAAAAAAAA", 1_000, 20));

    Map<String, String> summary = warehouse.table().currentSnapshot().summary();
    assertEquals(Warehouse.TOPIC, summary.get("floe.topic"));
    assertEquals(Warehouse.TOPIC_ID, summary.get("floe.topic-id"));
    assertEquals("3", summary.get("floe.partition"));
    assertEquals("SummaryAAAAAAAAAAAAAAA", summary.get("floe.segment-id"));
    assertEquals("1000", summary.get("floe.start-offset"));
    assertEquals("1019", summary.get("floe.end-offset"));
    assertEquals("append", warehouse.table().currentSnapshot().operation());
  }

  @Test
  void anUploadRetriedAfterItsCommitAppendsNothingAndReturnsTheSameManifest() {
    Warehouse warehouse = new Warehouse(dir);
    SegmentUpload upload = upload(dir, 3, "RetriedAAAAAAAAAAAAAAA", 0, 20);
    SegmentManifest first = warehouse.uploader().upload(upload).manifest();
    List<Path> files = warehouse.dataFiles();

    // Retried by a new uploader, as after a broker restart, then again by that one with its table loaded.
    SegmentUploader uploader = warehouse.uploader();
    uploader.upload(upload);
    SegmentManifest retried = uploader.upload(upload).manifest();

    assertArrayEquals(ManifestCodec.encode(first), ManifestCodec.encode(retried));
    Table table = warehouse.table();
    assertEquals(1, snapshots(table).size());
    assertEquals(20, Warehouse.rows(table).size());
    assertEquals(files, warehouse.dataFiles());
  }

  @Test
  void tenPartitionsUploadedAtOnceEachCommitExactlyOnce() throws Exception {
    Warehouse warehouse = new Warehouse(dir);
    SegmentUploader uploader = warehouse.uploader();
    List<SegmentUpload> uploads = new ArrayList<>();
    for (int partition = 0; partition < 10; partition++) {
      uploads.add(upload(dir.resolve("p" + partition), partition, "Concurrent" + partition + "AAAAAAAAAAA", 0, 30));
    }
    ExecutorService threads = Executors.newFixedThreadPool(uploads.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<SegmentManifest>> results = new ArrayList<>();
      for (SegmentUpload upload : uploads) {
        results.add(threads.submit(() -> {
          start.await();
          return uploader.upload(upload).manifest();
        }));
      }
      start.countDown();
      for (Future<SegmentManifest> result : results) {
        result.get();
      }
    } finally {
      threads.shutdown();
    }

    Table table = warehouse.table();
    List<String> committed = snapshots(table).stream().map(s -> s.summary().get("floe.segment-id")).sorted().toList();
    assertEquals(uploads.stream().map(u -> u.segment().segmentId()).sorted().toList(), committed);
    Map<Integer, Long> rowsByPartition = Warehouse.rows(table).stream().collect(Collectors.groupingBy(
        row -> (Integer) Warehouse.kafka(row).getField(KafkaColumns.PARTITION), Collectors.counting()));
    assertEquals(10, rowsByPartition.size());
    rowsByPartition.forEach((partition, rows) -> assertEquals(30L, rows, "rows of partition " + partition));
  }

  /** A segment of {@code count} records from {@code baseOffset} on, in one batch of ten at a time. */
  static SegmentUpload upload(Path dir, int partition, String segmentId, long baseOffset, int count) {
    try (KafkaSegment log = KafkaSegment.create(dir.resolve("log"), baseOffset)) {
      for (int i = 0; i < count; i += 10) {
        log.plain(Compression.NONE, records(i, Math.min(10, count - i)));
      }
      return Warehouse.upload(log.path(), partition, segmentId);
    }
  }

  /** The snapshots of {@code main}; the Kafka view's branch has one of its own per segment. */
  private static List<Snapshot> snapshots(Table table) {
    return StreamSupport.stream(SnapshotUtil.ancestorsOf(table.currentSnapshot().snapshotId(), table::snapshot)
        .spliterator(), false).toList();
  }
}
