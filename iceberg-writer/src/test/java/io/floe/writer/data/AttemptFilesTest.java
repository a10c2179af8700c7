package io.floe.writer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import org.junit.jupiter.api.Test;

/**
 * An upload's data files are named after their segment, and only they: a deletion releases from
 * the Kafka view exactly the files its segment's uploads wrote, never a compaction's file that
 * other segments were re-pointed at.
 */
class AttemptFilesTest {
  private static final String DATA = "s3://bucket/warehouse/kafka/orders/data/_kafka.timestamp_day=2026-12-07/";

  @Test
  void aFileAnUploadNamedIsItsSegments() {
    String segmentId = "Ab-cdEfGhIjKlMn_pQrStU";
    String location = DATA + new AttemptFiles(new InMemoryFileIO(), segmentId).dataFileName(3);

    assertEquals(Optional.of(segmentId), AttemptFiles.segmentOf(location));
    assertTrue(AttemptFiles.writtenFor(segmentId, location));
    assertFalse(AttemptFiles.writtenFor("Ab-cdEfGhIjKlMn", location));
  }

  @Test
  void filesACompactionOrACopyNamedAreNoSegments() {
    for (String name : new String[] {"00000-3-5c0e7a4e-9b1d-4f3a-8e2f-1a2b3c4d5e6f-00001.parquet",
        "00012-0-5c0e7a4e-9b1d-4f3a-8e2f-1a2b3c4d5e6f-0-00001.parquet",
        "kafka-view-5c0e7a4e-9b1d-4f3a-8e2f-1a2b3c4d5e6f.parquet", "compacted-0.parquet"}) {
      assertEquals(Optional.empty(), AttemptFiles.segmentOf(DATA + name), name);
    }
  }
}
