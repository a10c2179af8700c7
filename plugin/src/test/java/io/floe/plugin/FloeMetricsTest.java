package io.floe.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.server.log.remote.storage.RemoteResourceNotFoundException;
import org.apache.kafka.server.log.remote.storage.RemoteStorageException;
import org.apache.kafka.server.log.remote.storage.RemoteStorageManager.IndexType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Floe's tiering and fetch metrics, read from the platform MBean server as JMX tools read them,
 * moved by the remote storage manager driven as the broker drives it. A broker id of its own keeps
 * other tests' managers out of these MBeans.
 */
class FloeMetricsTest {
  private static final String BROKER = "metrics-test";
  private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

  @TempDir
  Path dir;

  private IcebergRemoteStorageManager rsm;

  @AfterEach
  void close() throws IOException {
    if (rsm != null) {
      rsm.close();
    }
  }

  @Test
  void everyCopyMetricIsRegisteredAfterTheFirstCopy() throws Exception {
    rsm = configured(Map.of());
    TieredSegment segment = tiered("orders", 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    for (String attribute : List.of("copy-latency-ms-avg", "copy-latency-ms-max", "copy-latency-ms-p50",
        "copy-latency-ms-p95", "copy-latency-ms-p99", "copy-total", "bytes-tiered-total", "records-tiered-total")) {
      assertTrue(JMX.getAttribute(name("tiering", "orders"), attribute) instanceof Double, attribute);
    }
    assertTrue((Double) metric("tiering", "orders", "copy-latency-ms-max") > 0);
    // the order exporters' rules match (docs/operations/metrics.md)
    assertEquals("type=tiering,topic=orders,broker=" + BROKER, JMX.queryNames(new ObjectName(
        "io.floe:type=tiering,broker=" + BROKER + ",*"), null).iterator().next().getKeyPropertyListString());
  }

  @Test
  void copiesCountTheirSegmentsBytesAndOffsets() throws Exception {
    rsm = configured(Map.of());
    TieredSegment first = tiered("orders", 0);
    TieredSegment second = tiered("orders", 1);
    rsm.copyLogSegmentData(first.metadata(), first.data());
    rsm.copyLogSegmentData(second.metadata(), second.data());

    assertEquals(2.0, metric("tiering", "orders", "copy-total"));
    assertEquals((double) Files.size(first.segmentFile()) + Files.size(second.segmentFile()),
        metric("tiering", "orders", "bytes-tiered-total"));
    assertEquals((double) offsets(first) + offsets(second), metric("tiering", "orders", "records-tiered-total"));
  }

  @Test
  void classicSegmentsCountLikeTableSegments() throws Exception {
    rsm = configured(Map.of("iceberg.topics", "orders"));
    TieredSegment segment = tiered("logs", 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    assertEquals(1.0, metric("tiering", "logs", "copy-total"));
    assertEquals((double) Files.size(segment.segmentFile()), metric("tiering", "logs", "bytes-tiered-total"));
  }

  @Test
  void aFetchCountsTheBytesTheBrokerReadFromItsStream() throws Exception {
    rsm = configured(Map.of());
    TieredSegment segment = tiered("orders", 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    int whole;
    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
      whole = in.readAllBytes().length;
    }
    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
      in.readNBytes(100);
      in.read();
    }

    assertEquals(whole + 101.0, metric("fetching", "orders", "bytes-served-total"));
    assertEquals(2.0, metric("fetching", "orders", "fetch-total"));
    assertTrue((Double) metric("fetching", "orders", "fetch-latency-ms-p99") >= 0);
  }

  @Test
  void aFetchCountsTheRecordsOfTheBatchesTheBrokerReadWhole() throws Exception {
    rsm = configured(Map.of());
    TieredSegment segment = tiered("orders", 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    List<? extends RecordBatch> batches = batches(segment);

    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
      in.readAllBytes();
    }
    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
      in.readNBytes(batches.get(0).sizeInBytes() + batches.get(1).sizeInBytes() - 1);
    }

    long records = batches.stream().mapToLong(FloeMetricsTest::records).sum();
    assertEquals((double) records + records(batches.get(0)), metric("fetching", "orders", "records-served-total"),
        "every record of the whole read, and the first batch of the one that stopped a byte short of the second's end");
  }

  @Test
  void indexFetchesCountByIndex() throws Exception {
    rsm = configured(Map.of());
    TieredSegment segment = tiered("orders", 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    rsm.fetchIndex(segment.metadata(), IndexType.OFFSET).close();
    rsm.fetchIndex(segment.metadata(), IndexType.OFFSET).close();
    rsm.fetchIndex(segment.metadata(), IndexType.LEADER_EPOCH).close();

    assertEquals(2.0, metric("fetching", "orders", "index-fetch-total", "index", "offset"));
    assertEquals(1.0, metric("fetching", "orders", "index-fetch-total", "index", "leader-epoch"));
  }

  @Test
  void commitsToTheTableCountTheirAttemptsAndConflicts() throws Exception {
    rsm = configured(Map.of());
    TieredSegment segment = tiered("orders", 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    rsm.deleteLogSegmentData(segment.metadata());

    assertEquals(2.0, metric("tiering", "orders", "commit-attempts-total"), "the copy's commit, the deletion's");
    assertEquals(0.0, metric("tiering", "orders", "commit-conflicts-total"));
  }

  @Test
  void valuesKeptRawCountByReason() throws Exception {
    rsm = configured(Map.of());
    TieredSegment segment = tiered("orders", 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    double raw = (Double) metric("value-typing", "orders", "values-raw-total");
    assertTrue(raw > 0);
    // Without a registry, a value with the registry's framing stays raw; one without is typed only
    // if it is a JSON object, which none of these is.
    assertEquals(raw, (Double) metric("value-typing", "orders", "values-raw-by-reason-total", "reason", "not-json-object")
        + (Double) metric("value-typing", "orders", "values-raw-by-reason-total", "reason", "no-registry"));
  }

  @Test
  void aFetchOfAnUnknownSegmentCountsAsNotFound() throws Exception {
    rsm = configured(Map.of());
    TieredSegment never = tiered("orders", 0);

    assertThrows(RemoteResourceNotFoundException.class, () -> rsm.fetchLogSegment(never.metadata(), 0));

    assertEquals(1.0, metric("fetching", "orders", "fetch-failures-total", "error", "not-found"));
  }

  @Test
  void failedCopiesCountByWhetherTheBrokerRetriesThem() throws Exception {
    // two overrides that give orders different formats: no retry mends that
    rsm = configured(Map.of("iceberg.topics", "orders", "value.format.overrides", "or.*:raw,.*ers:avro"));
    TieredSegment order = tiered("orders", 0);
    TieredSegment log = tiered("logs", 0);
    Files.delete(log.segmentFile()); // a store that cannot read what it copies: retried

    assertThrows(RemoteStorageException.class, () -> rsm.copyLogSegmentData(order.metadata(), order.data()));
    assertThrows(RemoteStorageException.class, () -> rsm.copyLogSegmentData(log.metadata(), log.data()));

    assertEquals(1.0, metric("tiering", "orders", "copy-failures-total", "error", "fatal"));
    assertEquals(1.0, metric("tiering", "logs", "copy-failures-total", "error", "retriable"));
    assertTrue(JMX.queryNames(name("tiering", "orders"), null).isEmpty(), "a failed copy counts as no copy");
  }

  @Test
  void deletesAreCountedAndClosingTheManagerUnregistersEveryMetric() throws Exception {
    rsm = configured(Map.of());
    TieredSegment segment = tiered("orders", 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    rsm.deleteLogSegmentData(segment.metadata());
    rsm.deleteLogSegmentData(segment.metadata());

    assertEquals(2.0, metric("tiering", "orders", "deletes-total"));
    rsm.close();
    rsm = null;
    assertTrue(JMX.queryNames(new ObjectName("io.floe:broker=" + BROKER + ",*"), null).isEmpty());
  }

  @Test
  void failedDeletionsCountByWhetherTheBrokerRetriesThem() throws Exception {
    // two overrides that give orders different retentions: no retry mends that
    rsm = configured(Map.of("table.retention.overrides", "or.*:keep,.*ers:follow-kafka"));
    TieredSegment order = tiered("orders", 0);
    TieredSegment payment = tiered("payments", 0);
    rsm.copyLogSegmentData(order.metadata(), order.data());
    rsm.copyLogSegmentData(payment.metadata(), payment.data());
    assertThrows(RemoteStorageException.class, () -> rsm.deleteLogSegmentData(order.metadata()));
    assertEquals(1.0, metric("tiering", "orders", "delete-failures-total", "error", "fatal"));
    rsm.close();
    Path catalog = dir.resolve("warehouse").resolve("floe-catalog.db");
    Files.move(catalog, dir.resolve("catalog-moved-away.db"));
    Files.createDirectory(catalog); // and SQLite cannot make a new one in its place: retried
    rsm = configured(Map.of());

    assertThrows(RemoteStorageException.class, () -> rsm.deleteLogSegmentData(payment.metadata()));

    assertEquals(1.0, metric("tiering", "payments", "delete-failures-total", "error", "retriable"));
  }

  private IcebergRemoteStorageManager configured(Map<String, String> extra) {
    return new EmbeddedWarehouse(dir.resolve("warehouse")).manager(BROKER, extra);
  }

  private TieredSegment tiered(String topic, int partition) {
    return TieredSegment.everyKind(dir, topic, partition, 0);
  }

  private static List<? extends RecordBatch> batches(TieredSegment segment) throws IOException {
    List<RecordBatch> batches = new ArrayList<>();
    MemoryRecords.readableRecords(ByteBuffer.wrap(Files.readAllBytes(segment.segmentFile()))).batches()
        .forEach(batches::add);
    return batches;
  }

  /** The records of a batch; a message of the formats before batches counts as one, as the metric counts it. */
  private static long records(RecordBatch batch) {
    return batch.magic() >= RecordBatch.MAGIC_VALUE_V2 ? batch.countOrNull() : 1;
  }

  private static long offsets(TieredSegment segment) {
    return segment.metadata().endOffset() - segment.metadata().startOffset() + 1;
  }

  private static Object metric(String type, String topic, String attribute, String... tags) throws JMException {
    return JMX.getAttribute(name(type, topic, tags), attribute);
  }

  /** The MBean of {@code type} for {@code topic} on this test's broker, with {@code tags} as key, value pairs. */
  private static ObjectName name(String type, String topic, String... tags) throws JMException {
    StringBuilder name = new StringBuilder("io.floe:type=" + type + ",topic=" + topic + ",broker=" + BROKER);
    for (int i = 0; i < tags.length; i += 2) {
      name.append(',').append(tags[i]).append('=').append(tags[i + 1]);
    }
    return new ObjectName(name.toString());
  }
}
