package io.floe.writer.pending;

import java.util.ArrayList;
import java.util.List;

/**
 * A transaction of one producer whose rows are tiered but whose commit or abort marker is not yet:
 * the files its rows are in, in upload order. A producer has at most one open transaction per
 * partition, so the producer id names it.
 */
public record PendingTransaction(long producerId, List<PendingFile> files) {
  public PendingTransaction {
    files = List.copyOf(files);
  }

  public long rowCount() {
    return files.stream().mapToLong(PendingFile::rowCount).sum();
  }

  /** The offset of its first pending row. */
  long firstOffset() {
    return files.stream().mapToLong(PendingFile::firstOffset).min().orElse(Long.MAX_VALUE);
  }

  /** The first offset of the earliest segment its pending rows come from. */
  long firstSegmentStart() {
    return files.stream().mapToLong(PendingFile::segmentStart).min().orElse(Long.MAX_VALUE);
  }

  PendingTransaction with(List<PendingFile> more) {
    List<PendingFile> all = new ArrayList<>(files);
    all.addAll(more);
    return new PendingTransaction(producerId, all);
  }
}
