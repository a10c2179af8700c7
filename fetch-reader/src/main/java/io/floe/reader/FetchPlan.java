package io.floe.reader;

import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.row.Fidelity;
import java.util.ArrayList;
import java.util.List;

/**
 * Which batches a fetch of the original segment's bytes {@code start..end} (both inclusive)
 * serves, and which part of each. Positions are in the original segment's coordinates.
 *
 * <p>The broker asks from batch boundaries (positions from the offset index) or 0. A start inside
 * a batch is honoured where the rebuilt bytes are the original bytes (byte-identical and raw
 * batches); a record-identical batch has other bytes, so the fetch starts at the next batch
 * rather than serve a fragment that is nobody's batch.
 */
record FetchPlan(List<BatchSlice> slices) {

  FetchPlan {
    slices = List.copyOf(slices);
  }

  static FetchPlan of(List<BatchEntry> batches, long start, long end) {
    if (start < 0) {
      throw new IllegalArgumentException("Cannot fetch from position " + start + ": positions start at 0");
    }
    List<BatchSlice> slices = new ArrayList<>();
    if (end < start) {
      return new FetchPlan(slices);
    }
    for (int i = firstEndingAfter(batches, start); i < batches.size(); i++) {
      BatchEntry batch = batches.get(i);
      if (batch.position() > end) {
        break;
      }
      boolean exactBytes = batch.fidelity() != Fidelity.RECORD_IDENTICAL;
      if (batch.position() < start && !exactBytes) {
        continue;
      }
      int from = (int) Math.max(0, start - batch.position());
      int to = exactBytes ? (int) Math.min(batch.sizeInBytes(), end - batch.position() + 1) : BatchSlice.WHOLE;
      slices.add(new BatchSlice(batch, from, to));
    }
    return new FetchPlan(slices);
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
}
