package io.floe.translator.bench;

import io.floe.translator.row.BatchRebuilder;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.row.SegmentTranslator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * The translator's two halves, one thread, per codec, over a whole {@link BenchSegment}:
 *
 * <ul>
 *   <li>{@code convert}: what an upload pays before Parquet: open a {@link SegmentTranslator} and
 *       translate every batch into rows, which includes the exactness check (each batch rebuilt
 *       and compared, so a compressed batch is decompressed once and compressed once);
 *   <li>{@code rebuild}: what a fetch pays after Parquet: {@link BatchRebuilder#rebuild} of every
 *       batch from its rows, translated once in setup.
 * </ul>
 *
 * <p>One operation is one segment. Segments differ in size per codec, so besides segments per
 * second JMH reports the counters {@code segmentMB} (MB/s of segment bytes, MB = 10^6 bytes) and
 * {@code recordMB} (MB/s of key and value bytes) per thread, that is per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
public class TranslatorThroughputBenchmark {
  @Param({"none", "gzip", "snappy", "lz4", "zstd"})
  public String codec;

  private BenchSegment segment;
  private double segmentMegabytes;
  private double recordMegabytes;
  private List<List<KafkaRow>> batches;

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
  public void writeSegment() throws IOException {
    segment = BenchSegment.write(codec);
    segmentMegabytes = segment.megabytes();
    recordMegabytes = segment.recordMegabytes();
    batches = new ArrayList<>();
    try (SegmentTranslator translator = new SegmentTranslator(segment.file(), 0)) {
      translator.forEachRemaining(batch -> batches.add(batch.rows()));
    }
  }

  @TearDown(Level.Trial)
  public void deleteSegment() throws IOException {
    if (segment != null) {
      segment.close();
    }
  }

  /** Segment file → rows, exactness check included. */
  @Benchmark
  public void convert(Throughput throughput, Blackhole blackhole) {
    try (SegmentTranslator translator = new SegmentTranslator(segment.file(), 0)) {
      while (translator.hasNext()) {
        blackhole.consume(translator.next());
      }
    }
    count(throughput);
  }

  /** Rows → batches. */
  @Benchmark
  public void rebuild(Throughput throughput, Blackhole blackhole) {
    for (List<KafkaRow> rows : batches) {
      blackhole.consume(BatchRebuilder.rebuild(rows).bytes());
    }
    count(throughput);
  }

  private void count(Throughput throughput) {
    throughput.segmentMB += segmentMegabytes;
    throughput.recordMB += recordMegabytes;
  }
}
