package io.floe.reader;

import io.floe.translator.KafkaSegment;
import io.floe.translator.manifest.BatchEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;
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

/**
 * A consumer reading a whole tiered segment from its first offset, as the broker serves it: one
 * thread, sequential fetches of {@value #FETCH_BYTES} bytes (the consumer's default
 * {@code max.partition.fetch.bytes}).
 *
 * <p>Each fetch starts at the offset-index position of the consumer's next offset, reads up to
 * {@value #FETCH_BYTES} bytes and closes the stream, as {@code RemoteLogManager.read} does with
 * {@code Utils.readFully}. The consumer drops the partial batch a fetch ends with, so the next
 * offset is the one after the last whole batch, and the next fetch starts at the batch that was
 * cut. The segment has an index entry per batch (batches of about 16 KiB are each more than
 * {@code index.interval.bytes} apart), so the floor entry of that offset is the cut batch itself.
 *
 * <p>The segment: {@value #RECORD_COUNT} records with 1 KiB JSON-like values, {@value #RECORDS_PER_BATCH}
 * per batch, written by Kafka's own code and tiered into one Parquet file with the writer's
 * default row groups of 16 MiB ({@link TieredSegment}), in the page cache: this measures CPU, not
 * storage. One operation is one pass over the segment; JMH reports milliseconds per pass, setup
 * prints the segment's bytes, and MB/s served is bytes / time (docs/benchmarks.md does the
 * arithmetic). Setup checks that a pass serves exactly the original bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 10, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 10, timeUnit = TimeUnit.SECONDS)
public class SequentialFetchBenchmark {
  static final int RECORD_COUNT = 65_536;
  static final int RECORDS_PER_BATCH = 16;
  static final int VALUE_SIZE = 1024;
  static final int FETCH_BYTES = 1 << 20;
  static final long ROW_GROUP_BYTES = 16L << 20;
  private static final String[] WORDS = {
      "page_view", "add_to_cart", "checkout", "login", "search", "mobile", "desktop", "Berlin", "Lisbon",
      "Osaka", "Toronto", "electronics", "books", "garden", "pending", "shipped", "delivered", "refunded"};

  @Param({"none", "zstd"})
  public String codec;

  private Path directory;
  private TieredSegment tiered;
  private SegmentFetcher fetcher;
  private long segmentBytes;

  @Setup(Level.Trial)
  public void tierSegment() throws IOException {
    Compression compression = switch (codec) {
      case "none" -> Compression.NONE;
      case "zstd" -> Compression.zstd().build();
      default -> throw new IllegalArgumentException("Unknown codec " + codec);
    };
    directory = Files.createTempDirectory("fetch-bench-");
    SplittableRandom random = new SplittableRandom(42);
    Path log;
    try (KafkaSegment segment = KafkaSegment.create(directory)) {
      for (int batch = 0; batch < RECORD_COUNT / RECORDS_PER_BATCH; batch++) {
        SimpleRecord[] records = new SimpleRecord[RECORDS_PER_BATCH];
        for (int i = 0; i < RECORDS_PER_BATCH; i++) {
          long offset = segment.nextOffset() + i;
          records[i] = new SimpleRecord(1_700_000_000_000L + offset * 3, key(offset), value(offset, random));
        }
        segment.plain(compression, records);
      }
      log = segment.path();
    }
    tiered = TieredSegment.write(log, directory, TieredSegment.Layout.oneFile().withRowGroupBytes(ROW_GROUP_BYTES));
    segmentBytes = tiered.manifest().segmentSizeInBytes();
    // The plugin's defaults (fetch.parked.*).
    fetcher = new SegmentFetcher(new NioFileIO(), tiered.manifestPrefix(), 64L << 20,
        new ParkingLimits(32, 128L << 20, Duration.ofSeconds(30), 4L << 20));
    checkAPassServesTheOriginalBytes();
    System.out.printf("%n[setup] codec=%s segment=%d bytes (%.1f MiB), batches=%d, row groups=%d%n", codec,
        segmentBytes, segmentBytes / 1048576.0, tiered.batches().size(),
        tiered.manifest().files().get(0).rowGroups().size());
  }

  @Benchmark
  public long sequentialFetches() throws IOException {
    long served = 0;
    for (int position = 0; position >= 0; ) {
      byte[] bytes = fetch(position);
      served += bytes.length;
      position = nextStart(position, bytes);
    }
    return served;
  }

  private byte[] fetch(int position) throws IOException {
    try (InputStream stream = fetcher.fetch(tiered.segment(), position, Integer.MAX_VALUE)) {
      return stream.readNBytes(FETCH_BYTES);
    }
  }

  /** The index position of the offset after the last whole batch served; -1 past the segment's end. */
  private int nextStart(int position, byte[] served) {
    ByteBuffer batches = ByteBuffer.wrap(served);
    long nextOffset = -1;
    int at = 0;
    while (at + 12 <= served.length && at + 12 + batches.getInt(at + 8) <= served.length) {
      nextOffset = batches.getLong(at) + batches.getInt(at + 23) + 1;
      at += 12 + batches.getInt(at + 8);
    }
    if (nextOffset < 0) {
      throw new IllegalStateException("A fetch from position " + position + " served no whole batch");
    }
    List<BatchEntry> entries = tiered.batches();
    if (nextOffset > entries.get(entries.size() - 1).lastOffset()) {
      return -1;
    }
    int low = 0;
    int high = entries.size() - 1;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (entries.get(middle).baseOffset() <= nextOffset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return (int) entries.get(low).position();
  }

  private void checkAPassServesTheOriginalBytes() throws IOException {
    for (int position = 0; position >= 0; ) {
      byte[] bytes = fetch(position);
      if (!Arrays.equals(tiered.original(position, position + bytes.length - 1), bytes)) {
        throw new IllegalStateException("The fetch from position " + position + " did not serve the original bytes");
      }
      position = nextStart(position, bytes);
    }
  }

  private static byte[] key(long offset) {
    return String.format("key-%012d", offset).getBytes(StandardCharsets.US_ASCII);
  }

  /** {@value #VALUE_SIZE} bytes of JSON-like text with varying numbers and words, so codecs have real work. */
  private static byte[] value(long offset, SplittableRandom random) {
    StringBuilder json = new StringBuilder(VALUE_SIZE + 64);
    json.append("{\"event_id\":").append(offset).append(",\"session\":\"").append(Long.toHexString(random.nextLong()))
        .append("\",\"items\":[");
    while (json.length() < VALUE_SIZE - 64) {
      json.append("{\"sku\":").append(random.nextInt(1_000_000)).append(",\"kind\":\"")
          .append(WORDS[random.nextInt(WORDS.length)]).append("\",\"price\":").append(random.nextInt(100_000) / 100.0)
          .append("},");
    }
    json.append("{}],\"note\":\"");
    while (json.length() < VALUE_SIZE - 2) {
      json.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    }
    json.setLength(VALUE_SIZE - 2);
    return json.append("\"}").toString().getBytes(StandardCharsets.US_ASCII);
  }

  @TearDown(Level.Trial)
  public void deleteSegment() {
    if (fetcher != null) {
      fetcher.close();
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
