package io.floe.translator.bench;

import io.floe.translator.row.BatchRebuilder;
import io.floe.translator.row.Fidelity;
import io.floe.translator.row.SegmentTranslator;
import io.floe.translator.row.TranslatedBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Read + rebuild throughput of one thread over a whole segment file.
 *
 * <p>One operation is the full pass a tiering job makes over a segment: open a
 * {@link SegmentTranslator}, translate every batch into rows (which includes the translator's own
 * exactness check), and write each batch back with {@link BatchRebuilder#rebuild}. The segment is
 * written once per trial by Kafka's own {@code MemoryRecords} and {@code FileRecords}: 65,536
 * records with 16-byte keys and 1 KiB JSON-like values (varying numbers and words, so zstd has
 * real work), 16 records per batch (about 16 KiB of records, the producer's default
 * {@code batch.size}), so about 64 MiB of records. Both codecs hold the same records; the zstd
 * segment is smaller on disk. The file sits in the page cache, so this measures CPU, not disk.
 *
 * <p>Why average time per operation: the unit of work is "one segment", whose size in bytes
 * depends on the codec and is only known after setup, so it cannot be a compile-time
 * {@code @OperationsPerInvocation}. JMH reports milliseconds per segment; setup prints the
 * segment's size in bytes, and MB/s of segment bytes is that size divided by the time per
 * operation (docs/benchmarks.md does the arithmetic). Setup also fails the trial if any batch
 * comes back raw, since then rebuild would only copy bytes and the figure would mean nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
public class TranslatorThroughputBenchmark {
  static final int RECORD_COUNT = 65_536;
  static final int RECORDS_PER_BATCH = 16;
  static final int KEY_SIZE = 16;
  static final int VALUE_SIZE = 1024;
  static final long BASE_TIMESTAMP = 1_700_000_000_000L;

  private static final String[] WORDS = {
      "page_view", "add_to_cart", "checkout", "login", "logout", "search", "click", "scroll",
      "mobile", "desktop", "tablet", "chrome", "firefox", "safari", "edge", "android", "ios",
      "Berlin", "Lisbon", "Osaka", "Toronto", "Nairobi", "Lima", "Oslo", "Austin", "Pune",
      "electronics", "books", "garden", "toys", "grocery", "fashion", "sports", "music",
      "pending", "shipped", "delivered", "returned", "cancelled", "paid", "refunded"};

  @Param({"none", "zstd"})
  public String codec;

  private Path directory;
  private Path segment;
  private long segmentBytes;

  @Setup(Level.Trial)
  public void writeSegment() throws IOException {
    Compression compression = switch (codec) {
      case "none" -> Compression.NONE;
      case "zstd" -> Compression.zstd().build();
      default -> throw new IllegalArgumentException("Unknown codec " + codec);
    };
    directory = Files.createTempDirectory("translator-bench-");
    segment = directory.resolve("00000000000000000000.log");
    SplittableRandom random = new SplittableRandom(42);
    long recordBytes = 0;
    try (FileRecords file = FileRecords.open(segment.toFile())) {
      for (long baseOffset = 0; baseOffset < RECORD_COUNT; baseOffset += RECORDS_PER_BATCH) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(
            ByteBuffer.allocate(RECORDS_PER_BATCH * (KEY_SIZE + VALUE_SIZE + 64)),
            compression, TimestampType.CREATE_TIME, baseOffset);
        for (long offset = baseOffset; offset < baseOffset + RECORDS_PER_BATCH; offset++) {
          byte[] key = String.format("key-%012d", random.nextLong(1_000_000_000_000L))
              .getBytes(StandardCharsets.US_ASCII);
          byte[] value = value(offset, random);
          builder.append(BASE_TIMESTAMP + offset * 3 + random.nextInt(3), key, value);
          recordBytes += key.length + value.length;
        }
        file.append(builder.build());
      }
      file.flush();
    }
    segmentBytes = Files.size(segment);
    checkNoBatchIsRaw();
    System.out.printf("%n[setup] codec=%s segment=%d bytes (%.1f MiB), records=%d, key+value bytes=%d (%.1f MiB)%n",
        codec, segmentBytes, segmentBytes / 1048576.0, RECORD_COUNT, recordBytes, recordBytes / 1048576.0);
  }

  /** A JSON-like value of exactly {@link #VALUE_SIZE} ASCII bytes. */
  static byte[] value(long offset, SplittableRandom random) {
    StringBuilder json = new StringBuilder(VALUE_SIZE + 128);
    json.append("{\"event_id\":").append(offset)
        .append(",\"user_id\":").append(random.nextInt(10_000_000))
        .append(",\"session\":\"").append(Long.toHexString(random.nextLong())).append('"')
        .append(",\"type\":\"").append(word(random)).append('"')
        .append(",\"device\":\"").append(word(random)).append('"')
        .append(",\"city\":\"").append(word(random)).append('"')
        .append(",\"items\":[");
    int item = 0;
    while (json.length() < VALUE_SIZE - 140) {
      if (item++ > 0) {
        json.append(',');
      }
      json.append("{\"sku\":").append(random.nextInt(1_000_000))
          .append(",\"category\":\"").append(word(random)).append('"')
          .append(",\"qty\":").append(1 + random.nextInt(9))
          .append(",\"price\":").append(random.nextInt(100_000) / 100.0)
          .append(",\"status\":\"").append(word(random)).append("\"}");
    }
    json.append("],\"total\":").append(random.nextInt(10_000_000) / 100.0)
        .append(",\"note\":\"");
    while (json.length() < VALUE_SIZE - 2) {
      json.append(word(random)).append(' ');
    }
    json.setLength(VALUE_SIZE - 2);
    json.append("\"}");
    byte[] bytes = json.toString().getBytes(StandardCharsets.US_ASCII);
    if (bytes.length != VALUE_SIZE) {
      throw new IllegalStateException("Value of " + bytes.length + " bytes");
    }
    return bytes;
  }

  private static String word(SplittableRandom random) {
    return WORDS[random.nextInt(WORDS.length)];
  }

  /** Rebuilding a raw batch only copies bytes: the benchmark is only meaningful without them. */
  private void checkNoBatchIsRaw() {
    Map<Fidelity, Integer> batches = new EnumMap<>(Fidelity.class);
    long rows = 0;
    try (SegmentTranslator translator = new SegmentTranslator(segment, 0)) {
      while (translator.hasNext()) {
        TranslatedBatch batch = translator.next();
        batches.merge(batch.fidelity(), 1, Integer::sum);
        rows += batch.rows().size();
      }
    }
    System.out.printf("%n[setup] codec=%s batches by fidelity=%s, rows=%d%n", codec, batches, rows);
    if (batches.containsKey(Fidelity.RAW) || rows != RECORD_COUNT) {
      throw new IllegalStateException("Expected " + RECORD_COUNT + " rows and no raw batch, got "
          + batches + " and " + rows + " rows");
    }
  }

  @TearDown(Level.Trial)
  public void deleteSegment() throws IOException {
    if (directory == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /** One full pass over the segment; JMH reports the time it takes. */
  @Benchmark
  public void readAndRebuild(Blackhole blackhole) {
    try (SegmentTranslator translator = new SegmentTranslator(segment, 0)) {
      while (translator.hasNext()) {
        TranslatedBatch batch = translator.next();
        blackhole.consume(BatchRebuilder.rebuild(batch.rows()));
      }
    }
  }
}
