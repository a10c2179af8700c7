package io.floe.reader;

import io.floe.translator.manifest.DataFileRef;
import java.io.Closeable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * A closed fetch of one segment, kept so that the next fetch reading on from where it stopped
 * continues it: its data files stay open with their cursors after the last rows it read, the last
 * batches it served are kept whole, and the batches after them are rebuilt ahead meanwhile. The
 * broker reads a segment one fetch at a time, each starting at or a little before the batch the
 * previous one was cut in: a fetch that continues serves those batches from memory and reads on,
 * instead of opening the data files again and decoding their row groups from the start up to its
 * first row.
 *
 * <p>Where it can go on from is fixed when it is parked, since its batches change under the
 * read-ahead until {@link #take} stops it.
 */
final class ParkedFetch implements Closeable {
  private final String manifestPath;
  private final List<DataFileRef> files;
  private final RetainedBatches.Resumable resumable;
  private final ReadAhead readAhead;

  private ParkedFetch(String manifestPath, List<DataFileRef> files, RetainedBatches.Resumable resumable,
      ReadAhead readAhead) {
    this.manifestPath = manifestPath;
    this.files = files;
    this.resumable = resumable;
    this.readAhead = readAhead;
  }

  /**
   * Parks a fetch's batches and reads ahead up to {@code readAheadBytes} of the batches after
   * those served.
   */
  static ParkedFetch of(RebuiltBatches batches, long readAheadBytes, ExecutorService executor) {
    return new ParkedFetch(batches.manifest().path(), batches.manifest().manifest().files(), batches.resumable(),
        ReadAhead.start(batches, readAheadBytes, executor));
  }

  /**
   * Whether a fetch of the segment {@code manifest} describes, from its {@code firstBatch}-th batch,
   * can go on from here: only if this read the files that manifest lists. A segment re-pointed at
   * other files (docs/architecture.md §6) has its old files released after a grace period, and a
   * fetch that went on reading them from one parked fetch to the next would outlive it.
   */
  boolean continues(ReadableManifest manifest, int firstBatch) {
    return manifestPath.equals(manifest.path()) && files.equals(manifest.manifest().files())
        && resumable.includes(firstBatch);
  }

  /** Stops reading ahead and hands over its batches, to continue; empty if reading ahead left them unusable. */
  Optional<RebuiltBatches> take() {
    RebuiltBatches batches = readAhead.stop();
    if (batches.resumable().equals(RetainedBatches.Resumable.NONE)) {
      batches.close();
      return Optional.empty();
    }
    return Optional.of(batches);
  }

  /** Whether it is still reading ahead. */
  boolean readingAhead() {
    return readAhead.isActive();
  }

  @Override
  public void close() {
    readAhead.stop().close();
  }
}
