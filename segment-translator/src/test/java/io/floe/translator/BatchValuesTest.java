package io.floe.translator;

import static io.floe.translator.SampleRecords.records;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.row.KafkaRow;
import io.floe.translator.row.SegmentTranslator;
import io.floe.translator.row.TranslatedBatch;
import io.floe.translator.segment.SegmentFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pass over values alone (the typer's scan) sees the values the rows hold, without rebuilding any batch. */
class BatchValuesTest {
  @TempDir
  Path dir;

  @Test
  void everyBatchGivesTheValuesOfItsRowsAndARawBatchNone() {
    Path segment = KafkaSegments.everyKind(dir);
    int rawBatches = 0;
    try (SegmentTranslator rows = new SegmentTranslator(segment, 0);
        SegmentTranslator values = new SegmentTranslator(segment, 0)) {
      while (rows.hasNext()) {
        TranslatedBatch batch = rows.next();
        List<byte[]> batchValues = values.nextValues();
        if (batch.rawReason().isPresent()) {
          rawBatches++;
          assertTrue(batchValues.isEmpty(), "a batch kept raw has no values apart from its bytes");
          continue;
        }
        assertEquals(batch.rows().size(), batchValues.size());
        for (int i = 0; i < batchValues.size(); i++) {
          KafkaRow row = batch.rows().get(i);
          assertArrayEquals(row.value(), batchValues.get(i), "the value at offset " + row.offset());
        }
      }
      assertFalse(values.hasNext());
    }
    assertTrue(rawBatches > 0, "the segment has batches kept raw");
  }

  @Test
  void aBatchFailingItsChecksumFailsTheValuesPassAsItFailsTheRows() throws IOException {
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir, 40)) {
      segment.plain(Compression.NONE, records(1, 3));
      file = segment.path();
    }
    CorruptSegmentTest.flipByte(file, file.toFile().length() - 20);

    try (SegmentTranslator translator = new SegmentTranslator(file, 0)) {
      SegmentFormatException error = assertThrows(SegmentFormatException.class, translator::nextValues);
      assertEquals("crc", error.field());
      assertEquals(40, error.offset());
    }
  }
}
