package io.floe.reader;

import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.row.BatchRebuilder;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.io.FileIO;

/**
 * Whether two manifests of one segment serve the same bytes: each batch whose rows they place
 * differently is read through the fetch path's readers from both, rebuilt, and compared byte for
 * byte. A segment's Kafka view is re-pointed at other files only when this finds no difference
 * (docs/architecture.md §6), so the check is the fetch itself, not a model of it. A batch whose
 * rows both read from the same rows of the same files rebuilds to the same bytes, and is skipped.
 * It holds one batch of each at a time, as a fetch does.
 */
public final class ReplayComparison {
  private final FileIO io;

  /** @param io where both manifests' data files are read; the caller keeps ownership of it */
  public ReplayComparison(FileIO io) {
    this.io = io;
  }

  /**
   * The first difference between what {@code before} and {@code after} serve, or empty if they
   * serve the same batches at the same positions.
   *
   * @param path where the manifest lives, as messages name it
   * @throws FetchFailedException if {@code before} cannot be served: the segment as it is now is damaged or unreachable
   */
  public Optional<String> difference(String path, SegmentManifest before, SegmentManifest after) {
    List<BatchEntry> expected = before.batches();
    List<BatchEntry> actual = after.batches();
    if (expected.size() != actual.size()) {
      return Optional.of(String.format("it lists %d batches, not %d", actual.size(), expected.size()));
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!sameBatch(expected.get(i), actual.get(i))) {
        return Optional.of("it describes the batch at position " + expected.get(i).position() + " otherwise");
      }
    }
    ReadableManifest original = ManifestLoader.readable(before.segment(), path, before, 0);
    ReadableManifest candidate;
    try {
      candidate = ManifestLoader.readable(after.segment(), path, after, 0);
    } catch (FetchFailedException e) {
      return Optional.of(e.getMessage());
    }
    try (BatchRows served = new BatchRows(io, original); BatchRows replayed = new BatchRows(io, candidate)) {
      for (int i = 0; i < expected.size(); i++) {
        if (sameRows(before, after, i)) {
          continue;
        }
        ByteBuffer bytes = BatchRebuilder.rebuild(served.of(i)).bytes();
        ByteBuffer again;
        try {
          again = BatchRebuilder.rebuild(replayed.of(i)).bytes();
        } catch (RuntimeException e) {
          return Optional.of(e.getMessage());
        }
        if (!bytes.equals(again)) {
          return Optional.of("the batch at position " + expected.get(i).position() + " rebuilds to other bytes");
        }
      }
    }
    return Optional.empty();
  }

  /** Everything but where the rows are. */
  private static boolean sameBatch(BatchEntry a, BatchEntry b) {
    return a.position() == b.position() && a.sizeInBytes() == b.sizeInBytes() && a.baseOffset() == b.baseOffset()
        && a.lastOffset() == b.lastOffset() && a.fidelity() == b.fidelity() && a.rowCount() == b.rowCount();
  }

  /** Whether the {@code index}-th batch's rows are the same rows of the same files in both. */
  private static boolean sameRows(SegmentManifest before, SegmentManifest after, int index) {
    List<BatchEntry.RowRun> a = before.batches().get(index).runs();
    List<BatchEntry.RowRun> b = after.batches().get(index).runs();
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).firstRow() != b.get(i).firstRow() || a.get(i).rowCount() != b.get(i).rowCount()
          || !before.files().get(a.get(i).file()).equals(after.files().get(b.get(i).file()))) {
        return false;
      }
    }
    return true;
  }
}
