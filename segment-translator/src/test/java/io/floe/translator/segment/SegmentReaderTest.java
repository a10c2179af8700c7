package io.floe.translator.segment;

import static io.floe.translator.SampleRecords.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.KafkaSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frames come out whole and in order wherever the reader's chunks of the file begin and end. */
class SegmentReaderTest {
  @TempDir
  Path dir;

  @Test
  void framesAcrossChunkBoundariesAndLargerThanAChunkAreTheFilesBytes() throws IOException {
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      for (int i = 0; i < 300; i++) {
        segment.plain(Compression.NONE, records(i * 10, 10));
      }
      segment.plain(Compression.NONE, new SimpleRecord(1L, new byte[] {1}, new byte[SegmentReader.CHUNK_BYTES * 2]));
      segment.plain(Compression.NONE, records(3000, 10));
      file = segment.path();
    }
    byte[] expected = Files.readAllBytes(file);
    assertTrue(expected.length > SegmentReader.CHUNK_BYTES * 3, "the segment spans several chunks");

    List<BatchFrame> frames = new ArrayList<>();
    try (SegmentReader reader = new SegmentReader(file)) {
      reader.forEachRemaining(frames::add);
      assertFalse(reader.hasNext());
    }

    // Every frame is checked after all were read: a later chunk must not have disturbed an earlier frame.
    long position = 0;
    for (BatchFrame frame : frames) {
      assertEquals(position, frame.position());
      assertEquals(0, frame.bytes().position());
      assertEquals(ByteBuffer.wrap(expected, (int) position, frame.sizeInBytes()), frame.bytes());
      position += frame.sizeInBytes();
    }
    assertEquals(expected.length, position);
    assertEquals(302, frames.size());
  }
}
