package io.floe.translator;

import static io.floe.translator.SampleRecords.key;
import static io.floe.translator.SampleRecords.records;
import static io.floe.translator.SampleRecords.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;

/**
 * Sample segments written by Kafka's own code, for tests in other packages and for trying
 * {@code ./floe verify-segment} by hand:
 * {@code ./mvnw -q -pl segment-translator test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.floe.translator.KafkaSegments -Dexec.args=DIR}.
 */
public final class KafkaSegments {
  private static final long T0 = 1_767_225_600_000L;

  private KafkaSegments() {}

  /** Where a batch sits in a segment file. */
  public record Batch(long position, int size, long baseOffset) {}

  /**
   * One segment with a batch of every kind Floe must give back: each codec, idempotent and
   * transactional batches with commit and abort markers, headers, null and empty keys and values,
   * LogAppendTime, compaction gaps, a 1 MiB record, a batch compressed at a level other than the
   * producer's default (record-identical), and two old-magic entries kept raw.
   */
  public static Path everyKind(Path dir) {
    Header[] headers = {
        new RecordHeader("trace-id", "abc".getBytes(StandardCharsets.UTF_8)),
        new RecordHeader("nothing", (byte[]) null)};
    byte[] large = new byte[1024 * 1024];
    new Random(7).nextBytes(large);
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      for (String codec : new String[] {"none", "gzip", "snappy", "lz4", "zstd"}) {
        segment.plain(KafkaOracle.compression(codec), records((int) segment.nextOffset(), 3));
      }
      segment.idempotent(Compression.NONE, 0, records(15, 2));
      segment.transactional(KafkaOracle.compression("zstd"), 2, records(17, 3));
      segment.marker(ControlRecordType.COMMIT, T0 + 100);
      segment.transactional(Compression.NONE, 5, records(21, 2));
      segment.marker(ControlRecordType.ABORT, T0 + 200);
      segment.plain(Compression.NONE,
          new SimpleRecord(T0, key(24), text(20, 24), headers),
          new SimpleRecord(T0, (byte[]) null, (byte[]) null),
          new SimpleRecord(T0, new byte[0], new byte[0]),
          new SimpleRecord(T0, key(27), (byte[]) null, headers));
      segment.logAppendTime(KafkaOracle.compression("lz4"), T0 + 300, records(28, 2));
      segment.compacted(KafkaOracle.compression("gzip"), r -> r.key().get(0) % 3 == 0, records(30, 10));
      segment.plain(KafkaOracle.compression("zstd"), new SimpleRecord(T0, key(40), large));
      segment.plain(Compression.zstd().level(10).build(), records(41, 50));
      segment.legacy(RecordBatch.MAGIC_VALUE_V0, Compression.NONE, records(91, 1));
      segment.legacy(RecordBatch.MAGIC_VALUE_V1, KafkaOracle.compression("gzip"), records(92, 3));
      return segment.path();
    }
  }

  /** The batch that holds {@code offset}, as Kafka's log classes find it. */
  public static Batch batchAtOffset(Path segment, long offset) {
    try (FileRecords records = FileRecords.open(segment.toFile(), false)) {
      for (var batch : records.batches()) {
        if (batch.baseOffset() <= offset && offset <= batch.lastOffset()) {
          return new Batch(batch.position(), batch.sizeInBytes(), batch.baseOffset());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalArgumentException("No batch holds offset " + offset + " in " + segment);
  }

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "sample-segments");
    System.out.println(everyKind(dir));
  }
}
