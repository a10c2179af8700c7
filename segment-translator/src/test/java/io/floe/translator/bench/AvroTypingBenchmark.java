package io.floe.translator.bench;

import io.floe.translator.value.avro.AvroValueCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Avro typing throughput of one thread: how many values per second one core turns into typed
 * columns.
 *
 * <p>Setup serializes {@value #VALUE_COUNT} values of one {@link AvroValueShape} with Avro's own
 * {@link GenericDatumWriter}, as a producer's serializer does (schema-registry framing left off:
 * the codec sees the payload after it). Each benchmark makes one pass over all of them, so JMH's
 * operations are values and its score is values per second; setup prints the payload bytes, and
 * MB/s is values/s × mean payload size (docs/benchmarks.md does the arithmetic).
 *
 * <ul>
 *   <li>{@link #typed}: {@link AvroValueCodec#typed}, what tiering pays per value: decode, re-encode
 *       and compare.
 *   <li>{@link #decode}: {@link AvroValueCodec#decode} alone; {@code typed} minus this is the cost of
 *       the exactness check.
 *   <li>{@link #avroGenericDecode}: Avro's own {@link GenericDatumReader} into a generic record, the
 *       least any typed sink pays.
 * </ul>
 *
 * <p>Setup fails the trial if any value does not type exactly, since a value kept raw skips the
 * work being measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(AvroTypingBenchmark.VALUE_COUNT)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 3, timeUnit = TimeUnit.SECONDS)
public class AvroTypingBenchmark {
  static final int VALUE_COUNT = 10_000;

  @Param({"EVENT", "ORDER", "SMALL"})
  public AvroValueShape shape;

  private byte[][] payloads;
  private AvroValueCodec codec;
  private GenericDatumReader<GenericRecord> avroReader;
  private BinaryDecoder avroDecoder;

  @Setup
  public void serializeValues() {
    GenericData data = new GenericData();
    data.addLogicalTypeConversion(new Conversions.DecimalConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    GenericDatumWriter<Object> writer = new GenericDatumWriter<>(shape.schema(), data);
    SplittableRandom random = new SplittableRandom(42);
    payloads = new byte[VALUE_COUNT][];
    long bytes = 0;
    for (int n = 0; n < VALUE_COUNT; n++) {
      payloads[n] = serialize(writer, shape.datum(n, random));
      bytes += payloads[n].length;
    }
    codec = AvroValueCodec.of(shape.schema());
    avroReader = new GenericDatumReader<>(shape.schema());
    checkEveryValueTypes();
    System.out.printf("%n[setup] shape=%s values=%d payload bytes=%d (mean %.1f bytes a value)%n",
        shape, VALUE_COUNT, bytes, (double) bytes / VALUE_COUNT);
  }

  private static byte[] serialize(GenericDatumWriter<Object> writer, Object datum) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      writer.write(datum, out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private void checkEveryValueTypes() {
    for (int n = 0; n < VALUE_COUNT; n++) {
      if (codec.typed(payloads[n]).isEmpty()) {
        throw new IllegalStateException(String.format(
            "Value %d of shape %s (%d bytes) did not type exactly, so the benchmark would measure raw values",
            n, shape, payloads[n].length));
      }
    }
  }

  @Benchmark
  public void typed(Blackhole blackhole) {
    for (byte[] payload : payloads) {
      blackhole.consume(codec.typed(payload));
    }
  }

  @Benchmark
  public void decode(Blackhole blackhole) {
    for (byte[] payload : payloads) {
      blackhole.consume(codec.decode(payload));
    }
  }

  @Benchmark
  public void avroGenericDecode(Blackhole blackhole) throws IOException {
    for (byte[] payload : payloads) {
      avroDecoder = DecoderFactory.get().binaryDecoder(payload, avroDecoder);
      blackhole.consume(avroReader.read(null, avroDecoder));
    }
  }
}
