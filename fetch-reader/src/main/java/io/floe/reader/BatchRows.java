package io.floe.reader;

import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.row.KafkaRow;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.io.FileIO;

/**
 * The rows of a segment's batches, read forward one batch at a time. It keeps one cursor per data
 * file in use, opens a file only when a batch needs it, and closes it after the segment's last
 * batch with rows in it. Its cursors stay where they are between fetches when a fetch is parked
 * ({@link ParkedFetch}), so that the next fetch reads on instead of opening the files again.
 */
final class BatchRows implements Closeable {
  private final FileIO io;
  private final ReadableManifest manifest;
  private final Map<Integer, DataFileCursor> cursors = new HashMap<>();

  BatchRows(FileIO io, ReadableManifest manifest) {
    this.io = io;
    this.manifest = manifest;
  }

  /**
   * The rows of the manifest's {@code index}-th batch, in offset order: a batch whose rows lie in
   * two files (two table partitions) has them merged back.
   *
   * @throws FetchFailedException if a data file cannot be read or does not hold the rows the manifest says
   */
  List<KafkaRow> of(int index) {
    BatchEntry batch = manifest.manifest().batches().get(index);
    List<KafkaRow> rows = new ArrayList<>(batch.rowCount());
    for (BatchEntry.RowRun run : batch.runs()) {
      rows.addAll(read(batch, run));
      if (manifest.lastReads().isLastOf(run.file(), index)) {
        cursors.remove(run.file()).close();
      }
    }
    if (batch.runs().size() > 1) {
      rows.sort(Comparator.comparingLong(KafkaRow::offset));
    }
    return rows;
  }

  /** What the open data files' readers hold in memory, at most. */
  long bufferedBytes() {
    return cursors.values().stream().mapToLong(DataFileCursor::bufferedBytes).sum();
  }

  private List<KafkaRow> read(BatchEntry batch, BatchEntry.RowRun run) {
    DataFileRef file = file(run.file());
    List<KafkaRow> rows;
    try {
      rows = cursors.computeIfAbsent(run.file(), f -> new DataFileCursor(io, file, manifest.projection(), manifest.values()))
          .read(run.firstRow(), run.rowCount());
    } catch (RuntimeException e) {
      throw new FetchFailedException(String.format("Cannot fetch %s: cannot read batch at position %d from data file %s: %s",
          manifest.segmentName(), batch.position(), file.location(), e.getMessage()), e);
    }
    for (KafkaRow row : rows) {
      if (row.batch().position() != batch.position()
          || row.offset() < batch.baseOffset() || row.offset() > batch.lastOffset()) {
        throw new FetchFailedException(String.format(
            "Cannot fetch %s: data file %s holds offset %d of the batch at position %d where manifest %s lists "
                + "offsets %d-%d of the batch at position %d",
            manifest.segmentName(), file.location(), row.offset(), row.batch().position(), manifest.path(),
            batch.baseOffset(), batch.lastOffset(), batch.position()));
      }
    }
    return rows;
  }

  private DataFileRef file(int index) {
    List<DataFileRef> files = manifest.manifest().files();
    if (index < 0 || index >= files.size()) {
      throw new FetchFailedException(String.format("Cannot fetch %s: manifest %s lists rows in data file %d of %d",
          manifest.segmentName(), manifest.path(), index, files.size()));
    }
    return files.get(index);
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (DataFileCursor cursor : cursors.values()) {
      try {
        cursor.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    cursors.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
