package io.floe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.maintenance.OrphanFilesLeftException;
import io.floe.writer.maintenance.OrphanRemoval;
import io.floe.writer.maintenance.ReferencedFiles;
import io.floe.writer.maintenance.RemoveOrphanFiles;
import io.floe.writer.manifest.ManifestStore;
import io.floe.writer.pending.PendingFile;
import io.floe.writer.pending.PendingTransaction;
import io.floe.writer.pending.PendingTransactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orphan removal: old files nothing references go, with the manifest of an upload that never
 * landed; young, referenced and pending files stay, and so does a manifest that lists a referenced file.
 */
class RemoveOrphanFilesTest {
  private static final Duration THREE_DAYS = Duration.ofDays(3);

  @TempDir
  Path dir;

  @Test
  void removesAnOldFileThatNothingReferences() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(3);
    Path orphan = tiered.orphan("_kafka.timestamp_day=2026-01-01/Killed-upload-00000.parquet", Duration.ofDays(4));

    OrphanRemoval removal = removeOlderThanThreeDays(tiered);

    assertFalse(Files.exists(orphan));
    assertEquals(1, removal.removed().size(), removal.toString());
  }

  @Test
  void keepsAYoungFileThatNothingReferences() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(1);
    Path young = tiered.orphan("Uploading-00000.parquet", Duration.ofDays(2));

    OrphanRemoval removal = removeOlderThanThreeDays(tiered);

    assertTrue(Files.exists(young));
    assertEquals(List.of(), removal.removed());
  }

  @Test
  void keepsEveryReferencedFileHoweverOld() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(4);
    List<Record> main = tiered.mainRows();
    List<Record> kafkaView = tiered.kafkaViewRows();
    tiered.ageEveryFile(Duration.ofDays(30));

    OrphanRemoval removal = removeOlderThanThreeDays(tiered);

    assertEquals(List.of(), removal.removed());
    assertEquals(main, tiered.mainRows());
    assertEquals(kafkaView, tiered.kafkaViewRows());
  }

  @Test
  void keepsAFileThatAPendingTransactionLists() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(1);
    Path pending = tiered.orphan("Pending-00000.parquet", Duration.ofDays(4));
    PendingFile file = new PendingFile("PendingAAAAAAAAAAAAAAA", 100, 109, 100, pending.toString(), 4, 1, 0, "",
        List.of(), false);
    tiered.table().updateProperties().set(PendingTransactions.property(7),
        new PendingTransactions(7, Map.of(42L, new PendingTransaction(42L, List.of(file)))).toJson()).commit();

    removeOlderThanThreeDays(tiered);

    assertTrue(Files.exists(pending));
  }

  @Test
  void leavesFilesThatAreNoDataOrDeleteFilesAlone() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(1);
    Path notes = tiered.orphan("README.txt", Duration.ofDays(4));

    removeOlderThanThreeDays(tiered);

    assertTrue(Files.exists(notes));
  }

  @Test
  void saysSoAndSkipsWithAFileIoThatCannotList() {
    TieredTable tiered = new TieredTable(dir, LocalFileIO.class);
    tiered.tier(1);
    Path orphan = tiered.orphan("Killed-00000.parquet", Duration.ofDays(4));

    OrphanRemoval removal = removeOlderThanThreeDays(tiered);

    assertTrue(Files.exists(orphan));
    assertEquals(Optional.of("the FileIO " + LocalFileIO.class.getName() + " of table " + Warehouse.CATALOG_NAME
        + ".kafka.orders cannot list files by prefix"), removal.skipped());
  }

  @Test
  void saysSoAndSkipsATableWhoseGarbageCollectionIsOff() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(1);
    tiered.table().updateProperties().set(TableProperties.GC_ENABLED, "false").commit();
    Path orphan = tiered.orphan("Killed-00000.parquet", Duration.ofDays(4));

    OrphanRemoval removal = removeOlderThanThreeDays(tiered);

    assertTrue(Files.exists(orphan));
    assertEquals(Optional.of("table " + Warehouse.CATALOG_NAME + ".kafka.orders has gc.enabled=false"),
        removal.skipped());
  }

  @Test
  void aDeleteThatFailsLeavesTheOtherOrphansRemovedAndTheNextRunRemovesTheRest() {
    FailingDeletes.failFrom.set(2);
    TieredTable tiered = new TieredTable(dir, FailingDeletes.class);
    tiered.tier(2);
    List<Record> main = tiered.mainRows();
    List<Path> orphans = List.of(tiered.orphan("A-00000.parquet", Duration.ofDays(4)),
        tiered.orphan("B-00000.parquet", Duration.ofDays(4)), tiered.orphan("C-00000.parquet", Duration.ofDays(4)));

    OrphanFilesLeftException failure = assertThrows(OrphanFilesLeftException.class,
        () -> removeOlderThanThreeDays(tiered));
    FailingDeletes.failFrom.set(Integer.MAX_VALUE);
    OrphanRemoval rerun = removeOlderThanThreeDays(tiered);

    assertTrue(failure.getMessage().startsWith("Cannot remove 2 of 3 orphan files of table "), failure.getMessage());
    assertEquals(1, failure.removed().size());
    assertEquals(2, rerun.removed().size());
    orphans.forEach(orphan -> assertFalse(Files.exists(orphan), orphan.toString()));
    assertEquals(main, tiered.mainRows());
  }

  @Test
  void theManifestOfAnUploadWhoseCommitNeverLandedGoesWithItsFiles() throws Exception {
    TieredTable tiered = new TieredTable(dir);
    SegmentUpload landed = tiered.tier(0, 0);
    ManifestStore manifests = manifests();
    SegmentManifest unlanded = unlandedAttempt(tiered, manifests, landed, "UnlandedAAAAAAAAAAAAAA");
    tiered.ageEveryFile(Duration.ofDays(4));

    OrphanRemoval removal = RemoveOrphanFiles.of(tiered.table()).olderThan(Instant.now().minus(THREE_DAYS))
        .manifestsIn(manifests).execute();

    assertEquals(List.of(manifests.location(unlanded.segment())), removal.manifestsRemoved(), removal + " " + tiered.table().properties());
    assertEquals(Optional.empty(), manifests.read(unlanded.segment()));
    assertFalse(Files.exists(Path.of(unlanded.files().get(0).location())));
    assertTrue(manifests.read(landed.segment()).isPresent(), "the landed segment's manifest stays");
  }

  @Test
  void aManifestThatListsAReferencedFileStaysWhateverOrphansItsSegmentHas() throws Exception {
    TieredTable tiered = new TieredTable(dir);
    SegmentUpload landed = tiered.tier(0, 0);
    ManifestStore manifests = manifests();
    // an earlier attempt of the same segment left a file that nothing references
    Path earlier = tiered.orphan(landed.segment().segmentId() + "-0badf00d-00000.parquet", Duration.ofDays(4));
    tiered.ageEveryFile(Duration.ofDays(4));

    OrphanRemoval removal = RemoveOrphanFiles.of(tiered.table()).olderThan(Instant.now().minus(THREE_DAYS))
        .manifestsIn(manifests).execute();

    assertEquals(List.of(earlier.toString()), removal.removed().stream().map(ReferencedFiles::canonical).toList());
    assertEquals(List.of(), removal.manifestsRemoved());
    assertTrue(manifests.read(landed.segment()).isPresent());
  }

  private ManifestStore manifests() {
    return new ManifestStore(new ListingFileIO(), dir.resolve("manifests").toString());
  }

  /**
   * What an upload of {@code segmentId} whose commit had an unknown outcome and did not land
   * leaves: a data file named for it (a copy of the landed segment's), and a manifest listing it.
   */
  private static SegmentManifest unlandedAttempt(TieredTable tiered, ManifestStore manifests, SegmentUpload landed,
      String segmentId) throws Exception {
    SegmentManifest model = (SegmentManifest) manifests.read(landed.segment()).orElseThrow();
    DataFileRef file = model.files().get(0);
    Path copy = Path.of(ReferencedFiles.canonical(file.location())).resolveSibling(segmentId + "-1234abcd-00000.parquet");
    Files.copy(Path.of(ReferencedFiles.canonical(file.location())), copy);
    SegmentRef segment = new SegmentRef(model.segment().topic(), model.segment().topicId(), model.segment().partition(),
        segmentId, model.segment().startOffset(), model.segment().endOffset());
    SegmentManifest unlanded = new SegmentManifest(segment, model.tableName(), model.dataSchemaJson(),
        model.writerSchemas(), List.of(new DataFileRef(copy.toString(), file.sizeInBytes(), file.rowCount(),
        file.rowGroups())), model.batches(), model.indexes());
    manifests.write(unlanded);
    return unlanded;
  }

  private static OrphanRemoval removeOlderThanThreeDays(TieredTable tiered) {
    return RemoveOrphanFiles.of(tiered.table()).olderThan(Instant.now().minus(THREE_DAYS)).execute();
  }

  /**
   * Listing local files whose deletes of Parquet files fail from the {@code failFrom}-th on (counted
   * from 1): the catalog makes its FileIO itself, so the test sets when through a static.
   */
  public static final class FailingDeletes extends ListingFileIO {
    static final AtomicInteger failFrom = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicInteger deletes = new AtomicInteger();

    @Override
    public void deleteFile(String location) {
      if (location.endsWith(".parquet") && deletes.incrementAndGet() >= failFrom.get()) {
        throw new IllegalStateException("Access Denied");
      }
      super.deleteFile(location);
    }
  }
}
