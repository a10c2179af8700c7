package io.floe.plugin;

import static io.floe.plugin.ServedBytes.assertServedFrom;
import static io.floe.plugin.ServedBytes.batches;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.row.TranslatedBatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.server.log.remote.storage.RemoteResourceNotFoundException;
import org.apache.kafka.server.log.remote.storage.RemoteStorageException;
import org.apache.kafka.server.log.remote.storage.RemoteStorageManager.IndexType;
import org.apache.kafka.server.log.remote.storage.RetriableRemoteStorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topics as tables and topics as classic segments on one manager ({@code iceberg.topics}), and the
 * per-topic settings, driven as the broker drives them, with segments written by Kafka's own code.
 */
class MixedModeTest {
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
  void aClassicSegmentIsServedByteForByteFromAnyPositionToAnyEnd() throws Exception {
    rsm = configured(Map.of("iceberg.topics", "orders"));
    TieredSegment segment = tiered("logs", 0, 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    byte[] original = Files.readAllBytes(segment.segmentFile());
    List<Integer> starts = Stream.concat(batches(segment.segmentFile()).stream().map(b -> (int) b.position()),
        Stream.of(1, 7, original.length / 2, original.length - 1)).toList();
    for (int start : starts) {
      assertArrayEquals(Arrays.copyOfRange(original, start, original.length), fetch(segment, start, Integer.MAX_VALUE),
          "from " + start);
      int end = Math.min(original.length - 1, start + 100);
      assertArrayEquals(Arrays.copyOfRange(original, start, end + 1), fetch(segment, start, end),
          "from " + start + " to " + end);
    }
    assertEquals(0, fetch(segment, original.length, Integer.MAX_VALUE).length, "a start at the end gives nothing");
    assertFalse(catalog().tableExists(TableIdentifier.of("kafka", "logs")), "a classic topic has no table");
  }

  @Test
  void aClassicSegmentsIndexesAreServedByteForByte() throws Exception {
    rsm = configured(Map.of("iceberg.topics", "orders"));
    TieredSegment segment = tiered("logs", 0, 0);
    TieredSegment withoutTransactions = TieredSegment.incompressible(dir.resolve("plain"), "logs", 1, 2);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    rsm.copyLogSegmentData(withoutTransactions.metadata(), withoutTransactions.data());

    assertTrue(segment.data().transactionIndex().isPresent(), "the segment aborts transactions");
    for (IndexType type : IndexType.values()) {
      try (InputStream in = rsm.fetchIndex(segment.metadata(), type)) {
        assertArrayEquals(segment.originalIndex(type), in.readAllBytes(), type.name());
      }
    }
    assertThrows(RemoteResourceNotFoundException.class,
        () -> rsm.fetchIndex(withoutTransactions.metadata(), IndexType.TRANSACTION));
  }

  @Test
  void aClassicSegmentWhoseObjectWasCutShortFailsTheReadSayingWhereInsteadOfEndingEarly() throws Exception {
    rsm = configured(Map.of("iceberg.topics", "orders"));
    TieredSegment segment = tiered("logs", 0, 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    Path object = storedObjects("logs").stream().filter(file -> file.getFileName().toString().endsWith(".log"))
        .findFirst().orElseThrow();
    byte[] bytes = Files.readAllBytes(object);
    Files.write(object, Arrays.copyOf(bytes, bytes.length - 10));

    IOException error = assertThrows(IOException.class, () -> fetch(segment, 0, Integer.MAX_VALUE));

    assertTrue(error.getMessage().contains(object.getFileName().toString()), error.getMessage());
    assertTrue(error.getMessage().contains("ended 10 bytes before"), error.getMessage());
  }

  @Test
  void deletingAClassicSegmentDeletesItsObjectsAndIsIdempotent() throws Exception {
    rsm = configured(Map.of("iceberg.topics", "orders"));
    TieredSegment segment = tiered("logs", 0, 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    assertEquals(7, storedObjects("logs").size(), "the segment, its five indexes and its manifest");

    rsm.deleteLogSegmentData(segment.metadata());
    rsm.deleteLogSegmentData(segment.metadata());

    assertEquals(List.of(), storedObjects("logs"));
    assertThrows(RemoteResourceNotFoundException.class, () -> rsm.fetchLogSegment(segment.metadata(), 0));
    assertThrows(RemoteResourceNotFoundException.class, () -> rsm.fetchIndex(segment.metadata(), IndexType.OFFSET));
  }

  @Test
  void aClassicTopicNeedsNoCatalogWhileATableTopicBesideItDoes() throws Exception {
    rsm = configured(Map.of("iceberg.topics", "orders"));
    TieredSegment order = tiered("orders", 0, 0);
    rsm.copyLogSegmentData(order.metadata(), order.data());
    rsm.close();
    Files.move(warehouse().resolve("floe-catalog.db"), dir.resolve("catalog-moved-away.db"));
    Files.createDirectory(warehouse().resolve("floe-catalog.db"));
    rsm = configured(Map.of("iceberg.topics", "orders"));

    TieredSegment log = tiered("logs", 0, 0);
    rsm.copyLogSegmentData(log.metadata(), log.data());
    rsm.deleteLogSegmentData(log.metadata());
    RemoteStorageException error = assertThrows(RemoteStorageException.class,
        () -> rsm.copyLogSegmentData(tiered("orders", 1, 0).metadata(), tiered("orders", 1, 0).data()));
    assertTrue(error instanceof RetriableRemoteStorageException, error.getMessage());
    try (InputStream in = rsm.fetchLogSegment(order.metadata(), 0)) {
      assertServedFrom(order.segmentFile(), 0, in.readAllBytes());
    }
  }

  @Test
  void aTopicMovedIntoTheTablesKeepsItsClassicSegmentsReadable() throws Exception {
    rsm = configured(Map.of("iceberg.topics", "orders"));
    TieredSegment before = tiered("logs", 0, 0);
    rsm.copyLogSegmentData(before.metadata(), before.data());
    rsm.close();

    rsm = configured(Map.of());
    TieredSegment after = tiered("logs", 1, 0);
    rsm.copyLogSegmentData(after.metadata(), after.data());

    assertArrayEquals(Files.readAllBytes(before.segmentFile()), fetch(before, 0, Integer.MAX_VALUE));
    assertServedFromEveryBatch(after);
    assertTrue(catalog().tableExists(TableIdentifier.of("kafka", "logs")));
    rsm.deleteLogSegmentData(before.metadata());
    rsm.deleteLogSegmentData(after.metadata());
    assertEquals(List.of(), storedObjects("logs"));
  }

  @Test
  void aTopicMovedOutOfTheTablesKeepsItsIcebergSegmentsReadableAndDeletable() throws Exception {
    rsm = configured(Map.of());
    TieredSegment before = tiered("orders", 0, 0);
    rsm.copyLogSegmentData(before.metadata(), before.data());
    rsm.close();

    rsm = configured(Map.of("iceberg.topics", "payments"));
    TieredSegment after = tiered("orders", 1, 0);
    rsm.copyLogSegmentData(after.metadata(), after.data());

    assertServedFromEveryBatch(before);
    assertArrayEquals(Files.readAllBytes(after.segmentFile()), fetch(after, 0, Integer.MAX_VALUE));
    for (IndexType type : List.of(IndexType.OFFSET, IndexType.TIMESTAMP, IndexType.LEADER_EPOCH)) {
      try (InputStream in = rsm.fetchIndex(before.metadata(), type)) {
        assertArrayEquals(before.originalIndex(type), in.readAllBytes(), type.name());
      }
    }
    rsm.deleteLogSegmentData(before.metadata());
    rsm.deleteLogSegmentData(after.metadata());
    assertEquals(List.of(), storedObjects("orders"));
  }

  @Test
  void aTopicsTableGoesToTheNamespaceItsOverrideNames() throws Exception {
    rsm = configured(Map.of("iceberg.namespace.overrides", "orders|payments:sales.eu"));
    TieredSegment segment = tiered("orders", 0, 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    assertTrue(catalog().tableExists(TableIdentifier.of("sales", "eu", "orders")));
    assertServedFromEveryBatch(segment);
    rsm.deleteLogSegmentData(segment.metadata());
    assertEquals(List.of(), storedObjects("orders"));
  }

  @Test
  void aTopicsTableTakesTheNameItsOverrideGivesAndATableHoldsOneTopic() throws Exception {
    rsm = configured(Map.of("iceberg.table.overrides", "orders|orders-eu:all_orders"));
    TieredSegment order = tiered("orders", 0, 0);
    rsm.copyLogSegmentData(order.metadata(), order.data());

    assertTrue(catalog().tableExists(TableIdentifier.of("kafka", "all_orders")));
    assertServedFromEveryBatch(order);
    TieredSegment other = tiered("orders-eu", 0, 0);
    RemoteStorageException error = assertThrows(RemoteStorageException.class,
        () -> rsm.copyLogSegmentData(other.metadata(), other.data()));
    assertFalse(error instanceof RetriableRemoteStorageException, "only a new configuration mends it");
    assertTrue(error.getMessage().contains("kafka.all_orders holds topic orders") && error.getMessage().contains("orders-eu"),
        error.getMessage());
  }

  @Test
  void aTopicMatchingOverridesThatDisagreeIsRefusedAtCopyNamingTheKeyAndBothEntries() {
    rsm = configured(Map.of("value.format.overrides", "logs-.*:raw,.*-eu:avro"));
    TieredSegment segment = tiered("logs-eu", 0, 0);

    RemoteStorageException error = assertThrows(RemoteStorageException.class,
        () -> rsm.copyLogSegmentData(segment.metadata(), segment.data()));
    assertFalse(error instanceof RetriableRemoteStorageException, "only a new configuration mends it");
    assertTrue(error.getMessage().contains("value.format.overrides") && error.getMessage().contains("'logs-.*:raw'")
        && error.getMessage().contains("'.*-eu:avro'"), error.getMessage());
  }

  @Test
  void aWrongPerTopicSettingFailsConfigureNamingTheKey() {
    Map<String, String> wrong = Map.of(
        "iceberg.topics", "orders(",
        "table.retention.overrides", "logs:keep,logs:follow-kafka",
        "iceberg.namespace.overrides", "logs:sales..eu",
        "iceberg.table.overrides", "logs:sales.logs",
        "value.format.overrides", "logs:xml");
    wrong.forEach((key, value) -> {
      ConfigException error = assertThrows(ConfigException.class, () -> configured(Map.of(key, value)), key);
      assertTrue(error.getMessage().contains(key), error.getMessage());
    });
  }

  private byte[] fetch(TieredSegment segment, int start, int end) throws Exception {
    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), start, end)) {
      return in.readAllBytes();
    }
  }

  private void assertServedFromEveryBatch(TieredSegment segment) throws Exception {
    for (TranslatedBatch batch : batches(segment.segmentFile())) {
      try (InputStream in = rsm.fetchLogSegment(segment.metadata(), (int) batch.position())) {
        assertServedFrom(segment.segmentFile(), (int) batch.position(), in.readAllBytes());
      }
    }
  }

  /** The objects under the topic's manifests, which is where a classic segment's objects go too. */
  private List<Path> storedObjects(String topic) throws IOException {
    Path manifests = warehouse().resolve("_floe/manifests");
    if (!Files.exists(manifests)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(manifests)) {
      return files.filter(Files::isRegularFile)
          .filter(file -> manifests.relativize(file).getName(0).toString().startsWith(topic + "-")).toList();
    }
  }

  private Path warehouse() {
    return dir.resolve("warehouse");
  }

  private IcebergRemoteStorageManager configured(Map<String, String> extra) {
    return new EmbeddedWarehouse(warehouse()).manager(1, extra);
  }

  private TieredSegment tiered(String topic, int partition, long baseOffset) {
    return TieredSegment.everyKind(dir, topic, partition, baseOffset);
  }

  private Catalog catalog() {
    return new EmbeddedWarehouse(warehouse()).catalog();
  }
}
