package io.floe.reader;

import static io.floe.translator.SampleRecords.key;
import static io.floe.translator.SampleRecords.text;

import io.floe.translator.KafkaOracle;
import io.floe.translator.SampleRecords;
import io.floe.translator.KafkaSegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;

/** Segments for the reader's tests, written by Kafka's own code ({@link KafkaSegment}). */
final class Segments {
  /** 2026-01-01T00:00:00Z, a midnight: a table partitioned by day splits there. */
  static final long MIDNIGHT = 1_767_225_600_000L;

  private Segments() {}

  /**
   * Every kind of batch whose rebuilt bytes are its original bytes: each codec at the producer's
   * default level, idempotent and transactional batches with both markers, headers, null and
   * empty keys and values, LogAppendTime, compaction gaps, and raw batches (old magics, a batch
   * compacted to nothing).
   */
  static Path exactBytes(Path dir) {
    Header[] headers = {
        new RecordHeader("trace-id", "abc".getBytes(StandardCharsets.UTF_8)),
        new RecordHeader("nothing", (byte[]) null)};
    try (KafkaSegment segment = KafkaSegment.create(dir, 5_000)) {
      int seed = 0;
      for (String codec : new String[] {"none", "gzip", "snappy", "lz4", "zstd"}) {
        segment.plain(KafkaOracle.compression(codec), records(seed, 4));
        seed += 4;
      }
      segment.idempotent(Compression.NONE, 0, records(20, 3));
      segment.transactional(KafkaOracle.compression("zstd"), 3, records(23, 3));
      segment.marker(ControlRecordType.COMMIT, MIDNIGHT + 100);
      segment.transactional(Compression.NONE, 6, records(27, 2));
      segment.marker(ControlRecordType.ABORT, MIDNIGHT + 200);
      segment.plain(Compression.NONE,
          new SimpleRecord(MIDNIGHT, key(30), text(20, 30), headers),
          new SimpleRecord(MIDNIGHT, (byte[]) null, (byte[]) null),
          new SimpleRecord(MIDNIGHT, new byte[0], new byte[0]),
          new SimpleRecord(MIDNIGHT, key(33), (byte[]) null, headers));
      segment.logAppendTime(KafkaOracle.compression("lz4"), MIDNIGHT + 300, records(34, 2));
      segment.compacted(KafkaOracle.compression("gzip"), r -> r.key().get(0) % 3 == 0, records(36, 9));
      segment.compacted(Compression.NONE, r -> false, records(45, 3));
      segment.legacy(RecordBatch.MAGIC_VALUE_V0, Compression.NONE, records(48, 1));
      segment.legacy(RecordBatch.MAGIC_VALUE_V1, KafkaOracle.compression("gzip"), records(49, 3));
      segment.plain(Compression.NONE, records(52, 5));
      return segment.path();
    }
  }

  /** {@code count} uncompressed batches of 4 records: enough rows for many small row groups. */
  static Path manyBatches(Path dir, int count) {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      for (int i = 0; i < count; i++) {
        segment.plain(Compression.NONE, records((int) segment.nextOffset(), 4));
      }
      return segment.path();
    }
  }

  /**
   * Batches whose records fall on both sides of {@link #MIDNIGHT}, alternately, so that a table
   * partitioned by day holds each batch's rows in two files, interleaved by offset.
   */
  static Path acrossMidnight(Path dir) {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.plain(Compression.NONE, records(1, 3));
      for (String codec : new String[] {"none", "zstd"}) {
        segment.plain(KafkaOracle.compression(codec),
            new SimpleRecord(MIDNIGHT - 2, key(10), text(40, 10)),
            new SimpleRecord(MIDNIGHT + 1, key(11), text(40, 11)),
            new SimpleRecord(MIDNIGHT - 1, key(12), text(40, 12)),
            new SimpleRecord(MIDNIGHT + 2, key(13), text(40, 13)));
      }
      segment.plain(Compression.NONE, records(20, 3));
      return segment.path();
    }
  }

  static SimpleRecord[] records(int first, int count) {
    return SampleRecords.records(MIDNIGHT, first, count);
  }
}
