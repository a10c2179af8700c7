package io.floe.translator;

import static io.floe.translator.KafkaOracle.assertExactRoundTrip;
import static io.floe.translator.KafkaOracle.compression;
import static io.floe.translator.SampleRecords.key;
import static io.floe.translator.SampleRecords.records;
import static io.floe.translator.SampleRecords.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.format.TimestampType;
import io.floe.translator.row.Fidelity;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.row.RawReason;
import io.floe.translator.row.TranslatedBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Segments written by Kafka's own code come back from their rows exactly, batch by batch. */
class SegmentRoundTripTest {
  private static final long T0 = SampleRecords.T0;

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
  void everyCodecComesBackByteIdenticalAtTheProducersDefaultLevel(String codec) {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      Compression compression = compression(codec);
      segment.plain(compression, records(1, 10));
      segment.plain(compression, records(11, 500));
      segment.plain(compression, new SimpleRecord(T0, "k".getBytes(StandardCharsets.UTF_8), text(200_000, 1)));
      List<TranslatedBatch> batches = assertExactRoundTrip(segment.path());

      assertEquals(3, batches.size());
      assertTrue(batches.stream().allMatch(b -> b.fidelity() == Fidelity.BYTE_IDENTICAL), () -> fidelities(batches));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip:1", "lz4:12", "zstd:10"})
  void aBatchCompressedAtAnotherLevelComesBackRecordIdentical(String codecAndLevel) {
    String[] parts = codecAndLevel.split(":");
    Compression compression = switch (parts[0]) {
      case "gzip" -> Compression.gzip().level(Integer.parseInt(parts[1])).build();
      case "lz4" -> Compression.lz4().level(Integer.parseInt(parts[1])).build();
      default -> Compression.zstd().level(Integer.parseInt(parts[1])).build();
    };
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.plain(compression, records(1, 300));
      List<TranslatedBatch> batches = assertExactRoundTrip(segment.path());

      assertEquals(Fidelity.RECORD_IDENTICAL, batches.get(0).fidelity());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "zstd"})
  void idempotentBatchesKeepProducerIdEpochAndSequence(String codec) {
    try (KafkaSegment segment = KafkaSegment.create(dir, 1_000)) {
      segment.idempotent(compression(codec), 0, records(1, 5));
      segment.idempotent(compression(codec), 5, records(6, 3));
      List<TranslatedBatch> batches = assertExactRoundTrip(segment.path());

      KafkaRow second = batches.get(1).rows().get(0);
      assertEquals(1_005, second.offset());
      assertEquals(KafkaSegment.PRODUCER_ID, second.batch().header().producerId());
      assertEquals(KafkaSegment.PRODUCER_EPOCH, second.batch().header().producerEpoch());
      assertEquals(5, second.batch().header().baseSequence());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
  void transactionsKeepTheirFlagAndTheirCommitAndAbortMarkers(String codec) {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.transactional(compression(codec), 0, records(1, 4));
      segment.marker(ControlRecordType.COMMIT, T0 + 10);
      segment.transactional(compression(codec), 4, records(5, 3));
      segment.marker(ControlRecordType.ABORT, T0 + 20);
      List<TranslatedBatch> batches = assertExactRoundTrip(segment.path());

      assertTrue(batches.get(0).rows().get(0).batch().header().attributes().isTransactional());
      KafkaRow commit = batches.get(1).rows().get(0);
      KafkaRow abort = batches.get(3).rows().get(0);
      assertTrue(commit.batch().header().attributes().isControl());
      assertEquals(4, commit.offset());
      assertTrue(abort.batch().header().attributes().isControl());
      assertEquals(8, abort.offset());
      assertTrue(batches.stream().noneMatch(b -> b.fidelity() == Fidelity.RAW));
    }
  }

  @Test
  void headersComeBackInOrderWithNullValuesAndRepeatedKeys() {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      Header[] none = {};
      Header[] several = {
          new RecordHeader("trace-id", "abc".getBytes(StandardCharsets.UTF_8)),
          new RecordHeader("empty", new byte[0]),
          new RecordHeader("nothing", (byte[]) null),
          new RecordHeader("trace-id", "second".getBytes(StandardCharsets.UTF_8)),
          new RecordHeader("ünïcødé-key", new byte[] {0, -1, 127})};
      segment.plain(Compression.NONE,
          new SimpleRecord(T0, key(1), text(10, 1), none),
          new SimpleRecord(T0 + 1, key(2), text(10, 2), several));
      segment.plain(compression("gzip"), new SimpleRecord(T0 + 2, key(3), text(10, 3), several));
      List<TranslatedBatch> batches = assertExactRoundTrip(segment.path());

      assertEquals(0, batches.get(0).rows().get(0).headers().size());
      List<io.floe.translator.format.RecordHeader> headers = batches.get(0).rows().get(1).headers();
      assertEquals(5, headers.size());
      assertNull(headers.get(2).value());
      assertArrayEquals(new byte[0], headers.get(1).value());
      assertEquals("ünïcødé-key", headers.get(4).key());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "snappy"})
  void nullAndEmptyKeysAndValuesStayDistinct(String codec) {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.plain(compression(codec),
          new SimpleRecord(T0, (byte[]) null, (byte[]) null),
          new SimpleRecord(T0, new byte[0], new byte[0]),
          new SimpleRecord(T0, (byte[]) null, new byte[0]),
          new SimpleRecord(T0, new byte[0], (byte[]) null));
      List<KafkaRow> rows = assertExactRoundTrip(segment.path()).get(0).rows();

      assertNull(rows.get(0).key());
      assertNull(rows.get(0).value());
      assertArrayEquals(new byte[0], rows.get(1).key());
      assertArrayEquals(new byte[0], rows.get(1).value());
      assertNull(rows.get(2).key());
      assertArrayEquals(new byte[0], rows.get(2).value());
      assertArrayEquals(new byte[0], rows.get(3).key());
      assertNull(rows.get(3).value());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "lz4"})
  void logAppendTimeRowsShowTheBrokersTimeAndKeepTheProducersDeltas(String codec) {
    long appendTime = T0 + 60_000;
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.logAppendTime(compression(codec), appendTime,
          new SimpleRecord(T0, key(1), text(10, 1)),
          new SimpleRecord(T0 + 5, key(2), text(10, 2)));
      List<KafkaRow> rows = assertExactRoundTrip(segment.path()).get(0).rows();

      assertEquals(TimestampType.LOG_APPEND_TIME, rows.get(0).timestampType());
      assertTrue(rows.stream().allMatch(row -> row.timestamp() == appendTime));
    }
  }

  @Test
  void createTimeRowsShowEachRecordsOwnTimestamp() {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.plain(Compression.NONE, new SimpleRecord(T0 + 9, key(1), text(10, 1)),
          new SimpleRecord(T0, key(2), text(10, 2)));
      List<KafkaRow> rows = assertExactRoundTrip(segment.path()).get(0).rows();

      assertEquals(TimestampType.CREATE_TIME, rows.get(0).timestampType());
      assertEquals(T0 + 9, rows.get(0).timestamp());
      assertEquals(T0, rows.get(1).timestamp());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip", "zstd"})
  void offsetGapsLeftByCompactionAreKeptInsideTheBatch(String codec) {
    try (KafkaSegment segment = KafkaSegment.create(dir, 100)) {
      segment.compacted(compression(codec), r -> r.key().get(0) % 3 == 0, records(1, 10));
      List<TranslatedBatch> batches = assertExactRoundTrip(segment.path());

      List<Long> offsets = batches.get(0).rows().stream().map(KafkaRow::offset).toList();
      assertEquals(List.of(102L, 105L, 108L), offsets);
      assertEquals(109L, batches.get(0).rows().get(0).batch().header().lastOffset());
    }
  }

  @Test
  void aBatchCompactedToNothingIsKeptRaw() {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.compacted(Compression.NONE, r -> false, records(1, 4));
      segment.plain(Compression.NONE, records(5, 2));
      List<TranslatedBatch> batches = assertExactRoundTrip(segment.path());

      assertEquals(Optional.of(RawReason.EMPTY_BATCH), batches.get(0).rawReason());
      assertEquals(Fidelity.BYTE_IDENTICAL, batches.get(1).fidelity());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "zstd"})
  void aOneMebibyteRecordComesBack(String codec) {
    byte[] large = new byte[1024 * 1024];
    new Random(42).nextBytes(large);
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.plain(compression(codec), new SimpleRecord(T0, key(1), large));
      List<KafkaRow> rows = assertExactRoundTrip(segment.path()).get(0).rows();

      assertArrayEquals(large, rows.get(0).value());
    }
  }

  @Test
  void rowsCarryThePartitionAndTheBatchPosition() {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.plain(Compression.NONE, records(1, 2));
      segment.plain(Compression.NONE, records(3, 2));
      List<TranslatedBatch> batches = assertExactRoundTrip(segment.path());

      assertEquals(3, batches.get(1).rows().get(0).partition());
      assertEquals(batches.get(0).sizeInBytes(), batches.get(1).rows().get(0).batch().position());
    }
  }

  private static String fidelities(List<TranslatedBatch> batches) {
    return batches.stream().map(b -> b.fidelity() + b.rawReason().map(r -> "(" + r + ")").orElse("")).toList().toString();
  }
}
