package io.floe.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.SegmentManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A re-pointed manifest must serve, batch for batch, the bytes the segment's manifest serves. */
class ReplayComparisonTest {
  @TempDir
  Path dir;

  private final ReplayComparison comparison = new ReplayComparison(new NioFileIO());

  @Test
  void theSameRowsInAnotherFileServeTheSameBytes() throws IOException {
    TieredSegment tiered = TieredSegment.write(Segments.exactBytes(dir), dir);
    SegmentManifest before = tiered.manifest();

    SegmentManifest after = withFile(before, copy(before.files().get(0)));

    assertEquals(Optional.empty(), comparison.difference(tiered.manifestPath(), before, after));
  }

  @Test
  void runsPointingAtAnotherBatchsRowsDiffer() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 4), dir);
    SegmentManifest before = tiered.manifest();
    List<BatchEntry> batches = new ArrayList<>(before.batches());
    BatchEntry first = batches.get(0);
    batches.set(0, new BatchEntry(first.position(), first.sizeInBytes(), first.baseOffset(), first.lastOffset(),
        first.fidelity(), batches.get(1).runs()));

    Optional<String> difference = comparison.difference(tiered.manifestPath(), before, withBatches(before, batches));

    assertTrue(difference.orElseThrow().contains("position " + first.position()), difference.get());
  }

  @Test
  void aFileThatIsNotThereDiffers() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 4), dir);
    SegmentManifest before = tiered.manifest();
    DataFileRef file = before.files().get(0);
    DataFileRef gone = new DataFileRef(dir.resolve("gone.parquet").toString(), file.sizeInBytes(), file.rowCount(),
        file.rowGroups());

    Optional<String> difference = comparison.difference(tiered.manifestPath(), before, withFile(before, gone));

    assertTrue(difference.orElseThrow().contains("gone.parquet"), difference.get());
  }

  @Test
  void aBatchDescribedOtherwiseDiffers() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 4), dir);
    SegmentManifest before = tiered.manifest();
    List<BatchEntry> batches = new ArrayList<>(before.batches());
    BatchEntry last = batches.get(3);
    batches.set(3, new BatchEntry(last.position(), last.sizeInBytes() + 1, last.baseOffset(), last.lastOffset(),
        last.fidelity(), last.runs()));

    Optional<String> difference = comparison.difference(tiered.manifestPath(), before, withBatches(before, batches));

    assertTrue(difference.orElseThrow().contains("position " + last.position()), difference.get());
  }

  private DataFileRef copy(DataFileRef file) throws IOException {
    Path copy = dir.resolve("copy.parquet");
    Files.copy(Path.of(file.location()), copy);
    return new DataFileRef(copy.toString(), file.sizeInBytes(), file.rowCount(), file.rowGroups());
  }

  private static SegmentManifest withFile(SegmentManifest manifest, DataFileRef file) {
    return new SegmentManifest(manifest.segment(), manifest.tableName(), manifest.dataSchemaJson(),
        manifest.writerSchemas(), List.of(file), manifest.batches(), manifest.indexes());
  }

  private static SegmentManifest withBatches(SegmentManifest manifest, List<BatchEntry> batches) {
    return new SegmentManifest(manifest.segment(), manifest.tableName(), manifest.dataSchemaJson(),
        manifest.writerSchemas(), manifest.files(), batches, manifest.indexes());
  }
}
