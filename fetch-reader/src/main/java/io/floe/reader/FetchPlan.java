package io.floe.reader;

import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.row.Fidelity;
import java.util.List;

/**
 * Which batches a fetch of the original segment's bytes {@code start..end} (both inclusive)
 * serves, and which part of each. Positions are in the original segment's coordinates; batches
 * are named by their index in the manifest, from {@link #firstBatch()} to {@link #endBatch()}
 * (exclusive).
 *
 * <p>The broker asks from batch boundaries (positions from the offset index) or 0. A start inside
 * a batch is honoured where the rebuilt bytes are the original bytes (byte-identical and raw
 * batches); a record-identical batch has other bytes, so the fetch starts at the next batch
 * rather than serve a fragment that is nobody's batch.
 *
 * <p>The plan is two binary searches, not a list of slices: a fetch reads a megabyte of a segment
 * that may hold hundreds of thousands of batches, and must not pay for the ones it never serves.
 */
final class FetchPlan {
  private final List<BatchEntry> batches;
  private final long start;
  private final long end;
  private final int firstBatch;
  private final int endBatch;

  private FetchPlan(List<BatchEntry> batches, long start, long end, int firstBatch, int endBatch) {
    this.batches = batches;
    this.start = start;
    this.end = end;
    this.firstBatch = firstBatch;
    this.endBatch = endBatch;
  }

  static FetchPlan of(List<BatchEntry> batches, long start, long end) {
    if (start < 0) {
      throw new IllegalArgumentException("Cannot fetch from position " + start + ": positions start at 0");
    }
    int first = firstEndingAfter(batches, start);
    if (first < batches.size() && batches.get(first).position() < start
        && batches.get(first).fidelity() == Fidelity.RECORD_IDENTICAL) {
      first++;
    }
    int endBatch = end < start ? first : Math.max(first, firstStartingAfter(batches, end));
    return new FetchPlan(batches, start, end, first, endBatch);
  }

  /** Index of the first batch served; {@link #endBatch()} if none is. */
  int firstBatch() {
    return firstBatch;
  }

  /** Index of the batch after the last one served. */
  int endBatch() {
    return endBatch;
  }

  boolean isEmpty() {
    return firstBatch == endBatch;
  }

  BatchEntry batch(int index) {
    return batches.get(index);
  }

  /** What the fetch serves of the {@code index}-th batch, one of {@link #firstBatch()} to {@link #endBatch()}. */
  BatchSlice slice(int index) {
    BatchEntry batch = batches.get(index);
    boolean exactBytes = batch.fidelity() != Fidelity.RECORD_IDENTICAL;
    int from = (int) Math.max(0, start - batch.position());
    int to = exactBytes ? (int) Math.min(batch.sizeInBytes(), end - batch.position() + 1) : BatchSlice.WHOLE;
    return new BatchSlice(batch, from, to);
  }

  /** Index of the first batch that ends after {@code position}, or the batch count if none does. */
  private static int firstEndingAfter(List<BatchEntry> batches, long position) {
    int low = 0;
    int high = batches.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      BatchEntry batch = batches.get(middle);
      if (batch.position() + batch.sizeInBytes() <= position) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** Index of the first batch that starts after {@code position}, or the batch count if none does. */
  private static int firstStartingAfter(List<BatchEntry> batches, long position) {
    int low = 0;
    int high = batches.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (batches.get(middle).position() <= position) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
