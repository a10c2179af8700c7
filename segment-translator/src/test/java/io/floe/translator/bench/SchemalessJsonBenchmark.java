package io.floe.translator.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.translator.KafkaSegment;
import io.floe.translator.SampleRecords;
import io.floe.translator.typing.ValueTyper;
import io.floe.translator.value.ParquetRoundTrip;
import io.floe.translator.value.ValueCodec;
import io.floe.translator.value.ValueFormat;
import io.floe.translator.value.ValueVerdict;
import io.floe.translator.value.WriterSchema;
import io.floe.translator.value.inference.JsonInference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Schemaless JSON values: how many a segment's inferred schema types, what their columns cost in
 * a Parquet file against their raw bytes, and how fast one core types them.
 *
 * <p>Setup writes {@value #VALUE_COUNT} click events with a default {@code ObjectMapper}, as a
 * producer without a registry does, that gain fields over the segment (a referrer after the first
 * third, a nested user and a list of items after the second), with a twentieth of them written
 * by hand with other spacing; it puts them in one segment, lets a {@link ValueTyper} infer their
 * schema and type them, and prints the share typed and the Parquet bytes per row of the typed
 * values' columns (with {@code _json_shape}) against those of the same values as one binary
 * column, as {@code value_raw} holds them. {@link #typed} is the codec's check per value.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(SchemalessJsonBenchmark.VALUE_COUNT)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 3, timeUnit = TimeUnit.SECONDS)
public class SchemalessJsonBenchmark {
  static final int VALUE_COUNT = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PAGES = List.of("/", "/search", "/cart", "/checkout", "/product/1234", "/help");

  private byte[][] payloads;
  private ValueCodec codec;

  @Setup
  public void inferAndMeasure() throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    payloads = new byte[VALUE_COUNT][];
    long bytes = 0;
    for (int n = 0; n < VALUE_COUNT; n++) {
      payloads[n] = event(n, random);
      bytes += payloads[n].length;
    }
    Path dir = Files.createTempDirectory("schemaless-bench");
    try {
      Path file;
      try (KafkaSegment segment = KafkaSegment.create(dir)) {
        for (int n = 0; n < VALUE_COUNT; n += 100) {
          segment.plain(Compression.NONE, Stream.of(payloads).skip(n).limit(100)
              .map(value -> new SimpleRecord(SampleRecords.T0, null, value)).toArray(SimpleRecord[]::new));
        }
        file = segment.path();
      }
      ValueTyper typer = new ValueTyper(ValueFormat.AUTO, Optional.empty(), false, Optional.of(JsonInference.DEFAULT));
      WriterSchema inferred = typer.scan(file, 0).get(0);
      codec = typer.codec(inferred.key());
      List<Record> typed = new ArrayList<>();
      List<Record> raw = new ArrayList<>();
      Types.StructType rawColumn = Types.StructType.of(Types.NestedField.optional(1, "value_raw", Types.BinaryType.get()));
      for (byte[] payload : payloads) {
        ValueVerdict verdict = typer.type(payload);
        if (verdict.rawReason().isEmpty()) {
          typed.add(verdict.columns().get());
          GenericRecord record = GenericRecord.create(rawColumn);
          record.set(0, ByteBuffer.wrap(payload));
          raw.add(record);
        }
      }
      long typedBytes = parquetBytes(dir.resolve("typed"), codec.columns(), typed);
      long rawBytes = parquetBytes(dir.resolve("raw"), rawColumn, raw);
      System.out.printf("%n[setup] values=%d payload bytes=%d (mean %.1f) %s; inferred columns: %s%n"
              + "[setup] Parquet bytes per typed row: columns %.1f, as value_raw %.1f%n",
          VALUE_COUNT, bytes, (double) bytes / VALUE_COUNT, typer.stats(),
          codec.columns().fields().stream().map(Types.NestedField::name).toList(),
          (double) typedBytes / typed.size(), (double) rawBytes / raw.size());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static long parquetBytes(Path dir, Types.StructType columns, List<Record> records) throws IOException {
    Files.createDirectories(dir);
    ParquetRoundTrip.through(ParquetRoundTrip.Encoding.DICTIONARY, dir, columns, records);
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(path -> path.toFile().length()).sum();
    }
  }

  private static byte[] event(int n, SplittableRandom random) throws JsonProcessingException {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("event_id", 1_000_000L + n);
    event.put("session", "s-" + Long.toHexString(random.nextLong() & 0xffffffffL));
    event.put("page", PAGES.get(random.nextInt(PAGES.size())));
    event.put("ms", random.nextInt(20, 3000));
    event.put("ok", random.nextInt(10) > 0);
    if (n >= VALUE_COUNT / 3) {
      event.put("referrer", random.nextBoolean() ? null : "https://example.com/" + random.nextInt(100));
    }
    if (n >= 2 * VALUE_COUNT / 3) {
      event.put("user", ordered("id", random.nextInt(100_000), "plan", random.nextBoolean() ? "free" : "pro"));
      List<Map<String, Object>> items = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        items.add(ordered("sku", "A-" + random.nextInt(1000), "price", random.nextInt(100, 100_000) / 100.0));
      }
      event.put("items", items);
    }
    String text = JSON.writeValueAsString(event);
    // A twentieth by hand with a space after each colon: a style no known writer has.
    return (n % 20 == 19 ? text.replace("\":", "\": ") : text).getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, Object> ordered(String name, Object value, String otherName, Object otherValue) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put(name, value);
    object.put(otherName, otherValue);
    return object;
  }

  @Benchmark
  public void typed(Blackhole blackhole) {
    for (byte[] payload : payloads) {
      blackhole.consume(codec.typed(payload));
    }
  }
}
