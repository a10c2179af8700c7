package io.floe.translator.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.KafkaSegments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code floe verify-segment}: one line per segment, exit 0 only when every record is identical. */
class VerifySegmentCommandTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void anExactSegmentPrintsItsCountsAndExitsZero() {
    Path segment = KafkaSegments.everyKind(dir);

    assertEquals(0, run(segment.toString()));
    assertEquals(segment + ": batches=17 records=85 byte-identical=14 record-identical=1 raw=2 mismatches=0",
        out().strip());
  }

  @Test
  void oneChangedByteInARecordExitsNonZeroAndNamesTheOffsetAndField() throws IOException {
    Path segment = KafkaSegments.everyKind(dir);
    KafkaSegments.Batch target = KafkaSegments.batchAtOffset(segment, 12);
    flipByte(segment, target.position() + target.size() - 3);

    assertEquals(1, run(segment.toString()));
    assertTrue(out().contains("mismatches=1"), out());
    assertTrue(out().contains("first mismatch at offset " + target.baseOffset()
        + " (batch at position " + target.position() + "), field crc"), out());
  }

  @Test
  void aTruncatedSegmentExitsNonZeroAndNamesWhereItEnds() throws IOException {
    Path segment = KafkaSegments.everyKind(dir);
    long size = segment.toFile().length();
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(size - 5);
    }

    assertEquals(1, run(segment.toString()));
    assertTrue(out().contains("field size: batch is truncated: declares"), out());
  }

  @Test
  void everySegmentGetsItsLineAndOneBadSegmentFailsTheRun() throws IOException {
    Path good = KafkaSegments.everyKind(dir.resolve("a"));
    Path bad = KafkaSegments.everyKind(dir.resolve("b"));
    flipByte(bad, 100);

    assertEquals(1, run(good.toString(), bad.toString()));
    assertEquals(2, out().lines().filter(line -> line.contains("batches=")).count(), out());
  }

  @Test
  void aMissingFileIsNamedWithoutAStackTrace() {
    assertEquals(1, run(dir.resolve("nope.log").toString()));
    assertEquals(dir.resolve("nope.log") + ": no such segment file", err().strip());
  }

  @Test
  void noArgumentsPrintsUsage() {
    assertEquals(2, run());
    assertTrue(err().startsWith("usage: floe verify-segment FILE..."), err());
  }

  @Test
  void thePartitionComesFromTheBrokersDirectoryName() {
    assertEquals(3, VerifySegmentCommand.partitionOf(Path.of("/var/kafka/orders-3/00000000000000000000.log")));
    assertEquals(0, VerifySegmentCommand.partitionOf(Path.of("segment.log")));
  }

  private int run(String... args) {
    return new VerifySegmentCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static void flipByte(Path file, long position) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(position);
      int b = raf.read();
      raf.seek(position);
      raf.write(b ^ 0x10);
    }
  }
}
