package io.floe.reader;

import java.io.Closeable;

/**
 * A closed fetch of one segment, kept so that the next fetch reading on from where it stopped
 * continues it: its data files stay open with their cursors after the last rows it read, and the
 * last batches it rebuilt are kept whole. The broker reads a segment one fetch at a time, each
 * starting at or a little before the batch the previous one was cut in: a fetch that continues
 * serves those batches from memory and reads on, instead of opening the data files again and
 * decoding their row groups from the start up to its first row.
 */
record ParkedFetch(String manifestPath, BatchRows rows, RetainedBatches tail) implements Closeable {

  /** Whether a fetch of the segment at {@code manifestPath} from its {@code firstBatch}-th batch can go on from here. */
  boolean continues(String path, int firstBatch) {
    return manifestPath.equals(path) && tail.continuesAt(firstBatch);
  }

  /** Memory it holds: the open readers' row groups and the retained batches. */
  long weight() {
    return rows.bufferedBytes() + tail.bytes();
  }

  @Override
  public void close() {
    rows.close();
  }
}
