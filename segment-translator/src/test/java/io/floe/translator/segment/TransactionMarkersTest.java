package io.floe.translator.segment;

import static io.floe.translator.KafkaOracle.compression;
import static io.floe.translator.SampleRecords.records;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.translator.KafkaSegment;
import io.floe.translator.SampleRecords;
import io.floe.translator.format.TransactionOutcome;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A segment's transaction markers, found from batch headers: which producer's transaction ended where, and how. */
class TransactionMarkersTest {
  @TempDir
  Path dir;

  @Test
  void aRecordWhoseProducerHasAMarkerAfterItEndedInTheSegment() {
    TransactionMarkers markers = markers(segment -> segment
        .transactional(1, Compression.NONE, 0, records(0, 2))
        .marker(1, ControlRecordType.COMMIT, SampleRecords.T0));

    assertEquals(OptionalLong.of(2), markers.after(1, 0));
    assertEquals(OptionalLong.of(2), markers.after(1, 1));
  }

  @Test
  void aRecordAfterItsProducersLastMarkerIsStillOpenAtTheSegmentsEnd() {
    TransactionMarkers markers = markers(segment -> segment
        .marker(1, ControlRecordType.ABORT, SampleRecords.T0)
        .transactional(1, compression("zstd"), 0, records(1, 2)));

    assertEquals(OptionalLong.of(0), markers.first(1));
    assertEquals(OptionalLong.empty(), markers.after(1, 1));
  }

  @Test
  void eachProducersMarkersAreItsOwn() {
    TransactionMarkers markers = markers(segment -> segment
        .transactional(1, Compression.NONE, 0, records(0, 1))
        .transactional(2, compression("gzip"), 0, records(1, 1))
        .marker(2, ControlRecordType.COMMIT, SampleRecords.T0)
        .transactional(3, Compression.NONE, 0, records(3, 1))
        .marker(1, ControlRecordType.ABORT, SampleRecords.T0)
        .marker(2, ControlRecordType.COMMIT, SampleRecords.T0));

    assertEquals(OptionalLong.of(4), markers.after(1, 0));
    assertEquals(OptionalLong.of(2), markers.after(2, 1));
    assertEquals(OptionalLong.of(5), markers.after(2, 2));
    assertEquals(OptionalLong.empty(), markers.first(3));
  }

  @Test
  void eachMarkerSaysWhetherItCommitsOrAbortsFromItsControlRecord() {
    TransactionMarkers markers = markers(segment -> segment
        .transactional(1, Compression.NONE, 0, records(0, 1))
        .marker(1, ControlRecordType.ABORT, SampleRecords.T0)
        .transactional(1, compression("zstd"), 0, records(2, 1))
        .marker(1, ControlRecordType.COMMIT, SampleRecords.T0));

    assertEquals(Optional.of(TransactionOutcome.ABORT), markers.outcome(1, 1));
    assertEquals(Optional.of(TransactionOutcome.COMMIT), markers.outcome(1, 3));
    assertEquals(Optional.empty(), markers.outcome(1, 2), "a data batch is no marker");
    assertEquals(Optional.empty(), markers.outcome(2, 1), "another producer's marker is not this one's");
  }

  @Test
  void batchesOfOldMagicsAndNonTransactionalProducersAreWalkedOver() {
    TransactionMarkers markers = markers(segment -> segment
        .legacy(RecordBatch.MAGIC_VALUE_V0, Compression.NONE, records(0, 1))
        .legacy(RecordBatch.MAGIC_VALUE_V1, compression("gzip"), records(1, 2))
        .idempotent(Compression.NONE, 0, records(3, 1))
        .plain(compression("lz4"), records(4, 3))
        .transactional(7, Compression.NONE, 0, records(7, 1))
        .marker(7, ControlRecordType.COMMIT, SampleRecords.T0));

    assertEquals(OptionalLong.of(8), markers.after(7, 7));
    assertEquals(OptionalLong.empty(), markers.first(KafkaSegment.PRODUCER_ID));
  }

  @Test
  void aTruncatedLastBatchEndsTheWalkWithoutFailingIt() throws Exception {
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.marker(1, ControlRecordType.COMMIT, SampleRecords.T0).plain(Compression.NONE, records(1, 3));
      file = segment.path();
    }
    try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 10);
    }

    assertEquals(OptionalLong.of(0), TransactionMarkers.read(file).first(1));
  }

  private TransactionMarkers markers(Consumer<KafkaSegment> batches) {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      batches.accept(segment);
      return TransactionMarkers.read(segment.path());
    }
  }
}
