package io.floe.translator;

import static io.floe.translator.SampleRecords.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.row.SegmentTranslator;
import io.floe.translator.segment.SegmentFormatException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged segment fails with an error that says which file, which batch and which offset. */
class CorruptSegmentTest {
  @TempDir
  Path dir;

  @Test
  void aTruncatedLastBatchNamesTheFilePositionAndOffset() throws IOException {
    long secondBatch;
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir, 500)) {
      segment.plain(Compression.NONE, records(1, 3));
      secondBatch = segment.file().length();
      segment.plain(KafkaOracle.compression("zstd"), records(4, 5));
      file = segment.path();
    }
    truncate(file, file.toFile().length() - 10);

    SegmentFormatException error = assertThrows(SegmentFormatException.class, () -> readAll(file));
    assertEquals(secondBatch, error.position());
    assertEquals(503, error.offset());
    assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    assertTrue(error.getMessage().contains("position " + secondBatch + " (offset 503) is truncated"), error.getMessage());
  }

  @Test
  void aSegmentCutInsideABatchHeaderIsTruncatedToo() throws IOException {
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.plain(Compression.NONE, records(1, 3));
      segment.plain(Compression.NONE, records(4, 1));
      file = segment.path();
    }
    long lastBatch;
    try (SegmentTranslator translator = new SegmentTranslator(file, 0)) {
      translator.next();
      lastBatch = translator.next().position();
    }
    truncate(file, lastBatch + 9);

    SegmentFormatException error = assertThrows(SegmentFormatException.class, () -> readAll(file));
    assertEquals(lastBatch, error.position());
    assertEquals(3, error.offset());
  }

  @Test
  void aChangedByteInARecordFailsTheChecksumAndNamesTheBatch() throws IOException {
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir, 40)) {
      segment.plain(Compression.NONE, records(1, 3));
      file = segment.path();
    }
    flipByte(file, file.toFile().length() - 20);

    SegmentFormatException error = assertThrows(SegmentFormatException.class, () -> readAll(file));
    assertEquals("crc", error.field());
    assertEquals(40, error.offset());
    assertTrue(error.getMessage().contains("(offset 40) is corrupt: stored CRC32C"), error.getMessage());
  }

  @Test
  void aBaseOffsetThatDoesNotFollowTheBatchBeforeIsRefusedThoughNoChecksumCoversIt() throws IOException {
    long secondBatch;
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir, 40)) {
      segment.plain(Compression.NONE, records(1, 3));
      secondBatch = segment.file().length();
      segment.plain(Compression.NONE, records(4, 3));
      file = segment.path();
    }
    flipByte(file, secondBatch + 7);

    SegmentFormatException error = assertThrows(SegmentFormatException.class, () -> readAll(file));
    assertEquals("base offset", error.field());
    assertEquals(secondBatch, error.position());
    assertTrue(error.getMessage().endsWith("(offset 42) is corrupt: it does not follow offset 42 of the batch before it"),
        error.getMessage());
  }

  static void flipByte(Path file, long position) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(position);
      int b = raf.read();
      raf.seek(position);
      raf.write(b ^ 0x01);
    }
  }

  private static void truncate(Path file, long size) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(size);
    }
  }

  private static void readAll(Path file) {
    try (SegmentTranslator translator = new SegmentTranslator(file, 0)) {
      translator.forEachRemaining(batch -> { });
    }
  }
}
