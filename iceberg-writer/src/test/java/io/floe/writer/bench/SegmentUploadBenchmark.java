package io.floe.writer.bench;

import io.floe.translator.bench.BenchSegment;
import io.floe.translator.manifest.KafkaIndexes;
import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.key.KeyFormat;
import io.floe.translator.typing.KeyTyper;
import io.floe.translator.typing.ValueTyper;
import io.floe.translator.value.ValueFormat;
import io.floe.writer.LocalFileIO;
import io.floe.writer.SegmentUpload;
import io.floe.writer.SegmentUploader;
import io.floe.writer.UploadReport;
import io.floe.writer.WriterSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.kafka.common.Uuid;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole upload of a small segment, as a broker with 1 MiB segments makes it: one operation is
 * {@link SegmentUploader#upload} of the partition's next segment (1,024 records of 1 KiB values,
 * uncompressed as the producer sends by default, about 1 MiB) into one table of a real JDBC catalog
 * on SQLite, on local files: table refresh, data file, manifest, commit. Segments follow each other
 * in one partition, so the table's history grows as a broker's does; a trial's figure is a mean
 * over that growth. Each segment is written in an untimed setup by Kafka's own record code.
 *
 * <p>What is left is Floe's fixed cost per segment, which dominates at this size. Iceberg logs at
 * INFO, as in a broker, to a file that is thrown away (its per-commit metrics report is a cost).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {
    "-Dorg.slf4j.simpleLogger.log.org.apache.iceberg=info", "-Dorg.slf4j.simpleLogger.logFile=/dev/null"})
@Threads(1)
@Warmup(iterations = 2, time = 10, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 10, timeUnit = TimeUnit.SECONDS)
public class SegmentUploadBenchmark {
  private static final int RECORDS_PER_SEGMENT = 1024;
  private static final String TOPIC = "orders";
  private static final String TOPIC_ID = Uuid.randomUuid().toString();
  /** The plugin's defaults. */
  private static final long TARGET_FILE_SIZE = 128L * 1024 * 1024;
  private static final long ROW_GROUP_SIZE = 16L * 1024 * 1024;
  /** About the size of a 1 MiB segment's offset and time indexes at the broker's 4 KiB index interval. */
  private static final KafkaIndexes INDEXES = new KafkaIndexes(new byte[2048], new byte[3072], Optional.empty(),
      new byte[64], new byte[32]);

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Path directory;
  private SegmentUploader uploader;
  private long nextOffset;
  private BenchSegment segment;

  @Setup(Level.Trial)
  public void createCatalog() throws IOException {
    directory = Files.createTempDirectory("floe-upload-bench-");
    try {
      Class.forName("org.sqlite.JDBC");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    Catalog catalog = CatalogUtil.buildIcebergCatalog("bench", Map.of(
        CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_JDBC,
        CatalogProperties.URI, "jdbc:sqlite:" + directory.resolve("catalog.db"),
        CatalogProperties.WAREHOUSE_LOCATION, directory.resolve("warehouse").toString(),
        CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName(),
        "jdbc.init-catalog-tables", "true",
        "jdbc.schema-version", "V1"), null);
    uploader = new SegmentUploader(catalog, new LocalFileIO(), new WriterSettings("kafka",
        directory.resolve("manifests").toString(), TARGET_FILE_SIZE, ROW_GROUP_SIZE));
  }

  @Setup(Level.Invocation)
  public void writeNextSegment() throws IOException {
    segment = BenchSegment.write("none", nextOffset, RECORDS_PER_SEGMENT);
  }

  @TearDown(Level.Invocation)
  public void deleteSegment() throws IOException {
    segment.close();
    nextOffset += RECORDS_PER_SEGMENT;
  }

  @TearDown(Level.Trial)
  public void deleteAll() throws IOException {
    System.out.printf("%n[teardown] %d segments uploaded into one table%n", nextOffset / RECORDS_PER_SEGMENT);
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

  /**
   * Seconds of the uploading thread's CPU per second: divided by the score, the CPU time of one
   * upload, which other work on a shared machine disturbs less than its wall time.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Cpu {
    public double cpuSeconds;

    @Setup(Level.Iteration)
    public void reset() {
      cpuSeconds = 0;
    }
  }

  @Benchmark
  public UploadReport upload(Cpu cpu) {
    SegmentRef ref = new SegmentRef(TOPIC, TOPIC_ID, 0, Uuid.randomUuid().toString(), nextOffset,
        nextOffset + RECORDS_PER_SEGMENT - 1);
    long start = THREADS.getCurrentThreadCpuTime();
    UploadReport report = uploader.upload(new SegmentUpload(ref, segment.file(), INDEXES,
        new ValueTyper(ValueFormat.AUTO, Optional.empty(), false), new KeyTyper(KeyFormat.AUTO, Optional.empty(), false)));
    cpu.cpuSeconds += (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
    return report;
  }
}
