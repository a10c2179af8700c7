package io.floe.writer.bench;

import io.floe.translator.bench.BenchSegment;
import io.floe.translator.value.ValueFormat;
import io.floe.translator.key.KeyFormat;
import io.floe.translator.typing.KeyTyper;
import io.floe.writer.data.RowKeys;
import io.floe.translator.typing.ValueTyper;
import io.floe.writer.LocalFileIO;
import io.floe.translator.segment.TransactionMarkers;
import io.floe.writer.data.AnalystRows;
import io.floe.writer.data.AttemptFiles;
import io.floe.writer.data.RowValues;
import io.floe.writer.data.SegmentDataWriter;
import io.floe.writer.data.WrittenData;
import io.floe.writer.table.TableResolver;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Segment file → Parquet data files through the upload's own writer, one thread, per codec: one
 * operation is {@link SegmentDataWriter#write} of a whole {@link BenchSegment} (translation with
 * its exactness check, Iceberg records, Parquet encoding with the table's codec, footers read
 * back for the row groups) into a table Floe created with its own layout, on local files. Values
 * have no registry, so they are kept raw, as in the end-to-end benchmark. The files of each
 * operation are deleted after it, inside the timing (a few unlinks); no commit is made.
 *
 * <p>Besides segments per second JMH reports {@code segmentMB} (MB/s of segment bytes, MB = 10^6
 * bytes) and {@code recordMB} (MB/s of key and value bytes) per thread, that is per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 10, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 10, timeUnit = TimeUnit.SECONDS)
public class SegmentToParquetBenchmark {
  private static final long TARGET_FILE_SIZE = 128L * 1024 * 1024;
  /** The plugin's default {@code writer.row.group.size.bytes}. */
  private static final long ROW_GROUP_SIZE = 16L * 1024 * 1024;

  @Param({"none", "gzip", "snappy", "lz4", "zstd"})
  public String codec;

  private BenchSegment segment;
  private LocalFileIO io;
  private Table table;

  /** MB/s through one thread; JMH divides these by the iteration's time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Throughput {
    public double segmentMB;
    public double recordMB;

    @Setup(Level.Iteration)
    public void reset() {
      segmentMB = 0;
      recordMB = 0;
    }
  }

  @Setup(Level.Trial)
  public void createTable() throws IOException {
    segment = BenchSegment.write(codec);
    io = new LocalFileIO();
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("bench", Map.of(
        CatalogProperties.WAREHOUSE_LOCATION, segment.directory().resolve("warehouse").toString(),
        CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName()));
    table = new TableResolver(catalog)
        .resolve(TableIdentifier.of("kafka", "bench"), "bench", "BenchAAAAAAAAAAAAAAAAAA")
        .withLatest(latest -> latest);
  }

  @TearDown(Level.Trial)
  public void deleteAll() throws IOException {
    if (segment != null) {
      segment.close();
    }
  }

  @Benchmark
  public void write(Throughput throughput, Blackhole blackhole) {
    AttemptFiles attempt = new AttemptFiles(io, "bench");
    RowValues values = new RowValues(new ValueTyper(ValueFormat.AUTO, Optional.empty(), false), Map.of());
    RowKeys keys = new RowKeys(new KeyTyper(KeyFormat.AUTO, Optional.empty(), false), Map.of());
    WrittenData written = new SegmentDataWriter(table, io, attempt, TARGET_FILE_SIZE, ROW_GROUP_SIZE, values, keys,
        new AnalystRows(List.of(), TransactionMarkers.read(segment.file()), List.of())).write(segment.file(), 0);
    blackhole.consume(written);
    attempt.deleteAll();
    throughput.segmentMB += segment.megabytes();
    throughput.recordMB += segment.recordMegabytes();
  }
}
