package io.floe.writer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import org.junit.jupiter.api.Test;

/**
 * An upload's data files are named after their segment, and only they: a deletion releases from
 * the Kafka view exactly the files its segment's uploads wrote, never a compaction's file that
 * other segments were re-pointed at. A failed attempt takes back what it wrote, newest first, and
 * never leaves a manifest naming data files it took back.
 */
class AttemptFilesTest {
  private static final String DATA = "s3://bucket/warehouse/kafka/orders/data/_kafka.timestamp_day=2026-12-07/";
  private static final String MANIFEST = "s3://bucket/warehouse/_floe/manifests/orders-topicId/0/segment.floe-manifest";

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

  @Test
  void aFailedAttemptTakesBackEverythingItWroteNewestFirst() {
    InMemoryFileIO io = new InMemoryFileIO();
    AttemptFiles written = new AttemptFiles(io, "segment");
    List<String> locations = List.of(DATA + written.dataFileName(0), DATA + written.dataFileName(1), MANIFEST);
    locations.forEach(location -> {
      written.writing(location);
      io.addFile(location, new byte[] {1});
    });

    written.deleteAll();

    locations.forEach(location -> assertFalse(io.fileExists(location), location));
  }

  /** A manifest that cannot be deleted (the store failing) keeps the data files it names. */
  @Test
  void aManifestThatCannotBeDeletedKeepsTheDataFilesItNames() {
    InMemoryFileIO io = new InMemoryFileIO() {
      @Override
      public void deleteFile(String path) {
        if (path.equals(MANIFEST)) {
          throw new IllegalStateException("503 SlowDown");
        }
        super.deleteFile(path);
      }
    };
    AttemptFiles written = new AttemptFiles(io, "segment");
    List<String> dataFiles = List.of(DATA + written.dataFileName(0), DATA + written.dataFileName(1));
    dataFiles.forEach(location -> {
      written.writing(location);
      io.addFile(location, new byte[] {1});
    });
    written.writing(MANIFEST);
    io.addFile(MANIFEST, new byte[] {1});

    written.deleteAll();

    assertTrue(io.fileExists(MANIFEST));
    dataFiles.forEach(location -> assertTrue(io.fileExists(location), location));
  }

  @Test
  void filesNeverWrittenAreNoFailure() {
    InMemoryFileIO io = new InMemoryFileIO();
    AttemptFiles written = new AttemptFiles(io, "segment");
    String dataFile = DATA + written.dataFileName(0);
    written.writing(dataFile);
    io.addFile(dataFile, new byte[] {1});
    written.writing(MANIFEST); // failed before the manifest was written

    written.deleteAll();

    assertFalse(io.fileExists(dataFile));
  }
}
