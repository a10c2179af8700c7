package io.floe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.manifest.ManifestPaths;
import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.table.ForwardingOperations;
import io.floe.writer.table.TableResolver;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.RuntimeIOException;
import org.apache.iceberg.io.OutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed uploads: retriable when the infrastructure failed, final when the segment is damaged, and clean. */
class FailureTest {
  @TempDir
  Path dir;

  @Test
  void aDamagedSegmentFailsForGoodWithTheTranslatorsMessageAndLeavesNothingBehind() throws IOException {
    Warehouse warehouse = new Warehouse(dir);
    SegmentUpload upload = CommitTest.upload(dir, 3, "DamagedAAAAAAAAAAAAAAA", 0, 30);
    try (RandomAccessFile file = new RandomAccessFile(upload.segmentFile().toFile(), "rw")) {
      file.setLength(file.length() - 10);
    }

    UploadFailedException error = assertThrows(UploadFailedException.class, () -> warehouse.uploader().upload(upload));

    assertFalse(error.retriable());
    assertTrue(error.getMessage().startsWith("Cannot upload segment DamagedAAAAAAAAAAAAAAA of orders-3 (offsets 0-29): "
        + "Cannot read segment " + upload.segmentFile() + ": batch at position "), error.getMessage());
    assertTrue(error.getMessage().contains("(offset 20) is truncated"), error.getMessage());
    assertEquals(List.of(), warehouse.dataFiles());
    assertFalse(Files.exists(manifest(upload)));
    assertNull(warehouse.table().currentSnapshot());
  }

  @Test
  void aBatchBeyondTheSegmentsOffsetsFailsForGoodAndLeavesNothingBehind() {
    Warehouse warehouse = new Warehouse(dir);
    SegmentUpload whole = CommitTest.upload(dir, 3, "BeyondAAAAAAAAAAAAAAAA", 0, 30);
    SegmentRef segment = whole.segment();
    SegmentUpload upload = new SegmentUpload(new SegmentRef(segment.topic(), segment.topicId(), segment.partition(),
        segment.segmentId(), 0, 19), whole.segmentFile(), whole.indexes(), whole.values(),
        whole.keys());

    UploadFailedException error = assertThrows(UploadFailedException.class, () -> warehouse.uploader().upload(upload));

    assertFalse(error.retriable());
    assertTrue(error.getMessage().endsWith("(offset 20) is corrupt: its offsets 20-29 are outside the segment's 0-19"),
        error.getMessage());
    assertEquals(List.of(), warehouse.dataFiles());
    assertFalse(Files.exists(manifest(upload)));
    assertNull(warehouse.table().currentSnapshot());
  }

  @Test
  void anUnreachableCatalogFailsRetriablyNamingTheSegmentAndTheCatalog() throws IOException {
    Warehouse warehouse = new Warehouse(dir);
    Path catalogDir = dir.resolve("catalog");
    Files.createDirectories(catalogDir);
    SegmentUploader uploader = new SegmentUploader(
        Warehouse.catalog("jdbc:sqlite:" + catalogDir.resolve("catalog.db"), dir.resolve("warehouse"), true),
        warehouse.io, warehouse.settings(Warehouse.MEBIBYTE, Warehouse.MEBIBYTE));
    SegmentUpload upload = CommitTest.upload(dir, 3, "UnreachableAAAAAAAAAAA", 0, 10);
    deleteRecursively(catalogDir);

    UploadFailedException error = assertThrows(UploadFailedException.class, () -> uploader.upload(upload));

    assertTrue(error.retriable());
    assertTrue(error.getMessage().startsWith("Cannot upload segment UnreachableAAAAAAAAAAA of orders-3 (offsets 0-9): "
        + "cannot load or create table kafka.orders at catalog " + Warehouse.CATALOG_NAME + ": "), error.getMessage());
    assertTrue(error.getMessage().contains("[SQLITE_"), () -> "ends with SQLite's reason: " + error.getMessage());
    assertEquals(List.of(), warehouse.dataFiles());
  }

  @Test
  void anObjectStoreRefusingTheManifestFailsRetriablyAndTakesBackTheDataFiles() {
    Warehouse warehouse = new Warehouse(dir);
    LocalFileIO refusing = new LocalFileIO() {
      @Override
      public OutputFile newOutputFile(String location) {
        if (location.endsWith(".floe-manifest")) {
          throw new RuntimeIOException("Access Denied");
        }
        return super.newOutputFile(location);
      }
    };
    SegmentUpload upload = CommitTest.upload(dir, 3, "RefusedAAAAAAAAAAAAAAA", 0, 10);
    WriterSettings settings = warehouse.settings(Warehouse.MEBIBYTE, Warehouse.MEBIBYTE);

    UploadFailedException error = assertThrows(UploadFailedException.class,
        () -> new SegmentUploader(warehouse.catalog, refusing, settings).upload(upload));

    assertTrue(error.retriable());
    assertEquals("Cannot upload segment RefusedAAAAAAAAAAAAAAA of orders-3 (offsets 0-9): cannot write manifest at "
        + manifest(upload) + ": Access Denied", error.getMessage());
    assertEquals(List.of(), warehouse.dataFiles());
    assertNull(warehouse.table().currentSnapshot());

    warehouse.uploader(settings).upload(upload);
    assertEquals(10, Warehouse.rows(warehouse.table()).size());
  }

  @Test
  void aCommitTheCatalogRefusesFailsRetriablyAndTakesBackTheManifestsItWrote() throws IOException {
    Warehouse warehouse = new Warehouse(dir);
    TableIdentifier identifier = TableIdentifier.of(Warehouse.NAMESPACE, Warehouse.TOPIC);
    new TableResolver(warehouse.catalog).resolve(identifier, Warehouse.TOPIC, Warehouse.TOPIC_ID);
    SteppingCatalog refusing = new SteppingCatalog(warehouse.catalog) {
      @Override
      TableOperations stepping(TableOperations operations) {
        return new ForwardingOperations(operations) {
          @Override
          public void commit(TableMetadata base, TableMetadata metadata) {
            throw new CommitFailedException("Cannot commit: the test's catalog refuses every commit");
          }
        };
      }
    };
    SegmentUpload upload = CommitTest.upload(dir, 3, "RefusedCommitAAAAAAAAA", 0, 10);

    UploadFailedException error = assertThrows(UploadFailedException.class, () -> new SegmentUploader(refusing,
        warehouse.io, warehouse.settings(Warehouse.MEBIBYTE, Warehouse.MEBIBYTE)).upload(upload));

    assertTrue(error.retriable());
    assertEquals(List.of(), warehouse.dataFiles());
    assertFalse(Files.exists(manifest(upload)));
    try (Stream<Path> metadata = Files.list(LocalFileIO.path(warehouse.table().location()).resolve("metadata"))) {
      assertEquals(List.of(), metadata.filter(file -> file.toString().endsWith(".avro")).toList(),
          "no Iceberg manifest or manifest list of the attempt stays");
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private Path manifest(SegmentUpload upload) {
    return Path.of(ManifestPaths.of(dir.resolve("manifests").toString(), upload.segment()));
  }
}
