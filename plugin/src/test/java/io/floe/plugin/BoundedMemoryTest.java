package io.floe.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.KafkaSegment;
import io.floe.translator.SampleRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promise 6, bounded resources: the memory of an upload or a fetch does not grow with the segment.
 * A JVM whose heap is a quarter of a segment uploads it, with another partition's segment uploading
 * beside it, and serves it back whole from position 0; were any step to hold the segment, its
 * rows or its Parquet files in memory, it would run out of heap.
 * It then copies and serves the same segment as a classic segment, which must stream too.
 */
class BoundedMemoryTest {
  private static final int HEAP_MIB = 64;
  private static final int LARGE_SEGMENT_MIB = 4 * HEAP_MIB;
  private static final int BESIDE_SEGMENT_MIB = HEAP_MIB / 2;
  private static final int RECORDS_PER_BATCH = 16;
  private static final int VALUE_BYTES = 1024;
  private static final long TIMEOUT_MINUTES = 10;

  @TempDir
  Path dir;

  @Test
  void aSegmentFourTimesTheHeapUploadsBesideAnotherAndIsServedBackWhole() throws Exception {
    Path large = segment(dir.resolve("large"), LARGE_SEGMENT_MIB);
    Path beside = segment(dir.resolve("beside"), BESIDE_SEGMENT_MIB);
    Path output = dir.resolve("child.out");

    Process child = new ProcessBuilder(childCommand(large, beside))
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    boolean exited = child.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
    if (!exited) {
      child.destroyForcibly().waitFor();
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);

    assertTrue(exited, "the child JVM ends within " + TIMEOUT_MINUTES + " minutes:\n" + tail(printed));
    assertEquals(0, child.exitValue(), "the child JVM with -Xmx" + HEAP_MIB + "m succeeds:\n" + tail(printed));
    assertTrue(printed.contains("Every byte of " + Files.size(large) + " came back"), tail(printed));
    System.out.println(BoundedMemoryTest.class.getSimpleName() + ": " + LARGE_SEGMENT_MIB + " MiB segment, "
        + printed.lines().filter(line -> line.startsWith("heap max")).findFirst().orElse(""));
  }

  private List<String> childCommand(Path large, Path beside) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + HEAP_MIB + "m", "-XX:+ExitOnOutOfMemoryError",
        "-Djava.io.tmpdir=" + dir,
        "-cp", System.getProperty("java.class.path"),
        SmallHeapRun.class.getName(),
        dir.resolve("warehouse").toString()));
    command.addAll(List.of(large.toString(), Long.toString(lastOffset(LARGE_SEGMENT_MIB))));
    command.addAll(List.of(beside.toString(), Long.toString(lastOffset(BESIDE_SEGMENT_MIB))));
    return command;
  }

  /** A segment of about {@code mebibytes} of uncompressed 16-record batches of 1 KiB text values. */
  private static Path segment(Path dir, int mebibytes) {
    Random random = new Random(mebibytes);
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      for (int batch = 0; batch < batches(mebibytes); batch++) {
        SimpleRecord[] records = new SimpleRecord[RECORDS_PER_BATCH];
        for (int i = 0; i < RECORDS_PER_BATCH; i++) {
          int offset = batch * RECORDS_PER_BATCH + i;
          records[i] = new SimpleRecord(SampleRecords.T0 + offset, SampleRecords.key(offset), text(random));
        }
        segment.plain(Compression.NONE, records);
      }
      return segment.path();
    }
  }

  private static int batches(int mebibytes) {
    return (mebibytes << 20) / (RECORDS_PER_BATCH * VALUE_BYTES);
  }

  private static long lastOffset(int mebibytes) {
    return (long) batches(mebibytes) * RECORDS_PER_BATCH - 1;
  }

  private static byte[] text(Random random) {
    byte[] value = new byte[VALUE_BYTES];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) ('a' + random.nextInt(26));
    }
    return value;
  }

  private static String tail(String printed) {
    List<String> lines = printed.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
