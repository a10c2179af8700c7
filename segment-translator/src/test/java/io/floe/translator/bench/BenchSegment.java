package io.floe.translator.bench;

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
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;

/**
 * The segment file every throughput benchmark reads, written by Kafka's own {@code MemoryRecords}
 * and {@code FileRecords} with one codec: 65,536 records with 16-byte keys and 1 KiB JSON-like
 * values (varying numbers and words, so the codecs have real work), 16 records per batch (about
 * 16 KiB of records, the producer's default {@code batch.size}). Every codec holds the same
 * records; only the bytes on disk differ. The file sits in the page cache, so readers measure CPU,
 * not disk.
 */
public final class BenchSegment implements AutoCloseable {
  public static final int RECORD_COUNT = 65_536;
  static final int RECORDS_PER_BATCH = 16;
  static final int KEY_SIZE = 16;
  static final int VALUE_SIZE = 1024;
  static final long BASE_TIMESTAMP = 1_700_000_000_000L;
  static final double MEGABYTE = 1_000_000.0;

  private static final String[] WORDS = {
      "page_view", "add_to_cart", "checkout", "login", "logout", "search", "click", "scroll",
      "mobile", "desktop", "tablet", "chrome", "firefox", "safari", "edge", "android", "ios",
      "Berlin", "Lisbon", "Osaka", "Toronto", "Nairobi", "Lima", "Oslo", "Austin", "Pune",
      "electronics", "books", "garden", "toys", "grocery", "fashion", "sports", "music",
      "pending", "shipped", "delivered", "returned", "cancelled", "paid", "refunded"};

  private final Path directory;
  private final Path file;
  private final long recordBytes;

  private BenchSegment(Path directory, Path file, long recordBytes) {
    this.directory = directory;
    this.file = file;
    this.recordBytes = recordBytes;
  }

  /**
   * Writes the segment compressed with {@code codec} ({@code none}, {@code gzip}, {@code snappy},
   * {@code lz4} or {@code zstd}, each at the producer's default level) in a new temporary
   * directory, and fails unless every batch translates without being kept raw: a raw batch only
   * copies bytes, and the figures would mean nothing.
   */
  public static BenchSegment write(String codec) throws IOException {
    BenchSegment segment = write(codec, 0, RECORD_COUNT);
    System.out.printf("%n[setup] codec=%s segment=%d bytes (%.1f MiB), records=%d, key+value bytes=%d (%.1f MiB)%n",
        codec, segment.bytes(), segment.bytes() / 1048576.0, RECORD_COUNT, segment.recordBytes,
        segment.recordBytes / 1048576.0);
    return segment;
  }

  /**
   * A segment of {@code recordCount} records of the same shape from {@code baseOffset} on, as the
   * next segment of a partition, checked as {@link #write(String)} checks its own.
   */
  public static BenchSegment write(String codec, long baseOffset, int recordCount) throws IOException {
    Compression compression = switch (codec) {
      case "none" -> Compression.NONE;
      case "gzip" -> Compression.gzip().build();
      case "snappy" -> Compression.snappy().build();
      case "lz4" -> Compression.lz4().build();
      case "zstd" -> Compression.zstd().build();
      default -> throw new IllegalArgumentException("Cannot write a segment: unknown codec " + codec);
    };
    Path directory = Files.createTempDirectory("floe-bench-");
    Path file = directory.resolve(String.format("%020d.log", baseOffset));
    SplittableRandom random = new SplittableRandom(42 + baseOffset);
    long recordBytes = 0;
    long end = baseOffset + recordCount;
    try (FileRecords records = FileRecords.open(file.toFile())) {
      for (long batchBase = baseOffset; batchBase < end; batchBase += RECORDS_PER_BATCH) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(
            ByteBuffer.allocate(RECORDS_PER_BATCH * (KEY_SIZE + VALUE_SIZE + 64)),
            compression, TimestampType.CREATE_TIME, batchBase);
        for (long offset = batchBase; offset < Math.min(end, batchBase + RECORDS_PER_BATCH); offset++) {
          byte[] key = String.format("key-%012d", random.nextLong(1_000_000_000_000L))
              .getBytes(StandardCharsets.US_ASCII);
          byte[] value = value(offset, random);
          builder.append(BASE_TIMESTAMP + offset * 3 + random.nextInt(3), key, value);
          recordBytes += key.length + value.length;
        }
        records.append(builder.build());
      }
      records.flush();
    }
    BenchSegment segment = new BenchSegment(directory, file, recordBytes);
    segment.checkNoBatchIsRaw(recordCount);
    return segment;
  }

  public Path file() {
    return file;
  }

  /** The segment file's size. */
  public long bytes() {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The segment's size in MB (10^6 bytes), what one pass over it adds to a throughput counter. */
  public double megabytes() {
    return bytes() / MEGABYTE;
  }

  /** The key and value bytes of its records, in MB. */
  public double recordMegabytes() {
    return recordBytes / MEGABYTE;
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

  private void checkNoBatchIsRaw(int recordCount) {
    Map<Fidelity, Integer> batches = new EnumMap<>(Fidelity.class);
    long rows = 0;
    try (SegmentTranslator translator = new SegmentTranslator(file, 0)) {
      while (translator.hasNext()) {
        TranslatedBatch batch = translator.next();
        batches.merge(batch.fidelity(), 1, Integer::sum);
        rows += batch.rows().size();
      }
    }
    if (batches.containsKey(Fidelity.RAW) || rows != recordCount) {
      throw new IllegalStateException("Expected " + recordCount + " rows and no raw batch, got "
          + batches + " and " + rows + " rows");
    }
  }

  /** Deletes the segment and its directory, with anything else a benchmark wrote there. */
  @Override
  public void close() throws IOException {
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

  /** A directory next to the segment, deleted with it. */
  public Path directory() {
    return directory;
  }
}
