package io.floe.writer.data;

import io.floe.translator.format.BatchHeader;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.segment.AbortedTransaction;
import io.floe.translator.segment.TransactionMarkers;
import io.floe.writer.deletes.LocatedRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of a segment's rows the analyst view ({@code main}) holds, which wait for their
 * transaction's outcome, and which rows already in {@code main} they replace (promise 5).
 * {@code main} holds no control record, no record of a transaction the segment's transaction
 * index says was aborted, no record of a transaction whose marker is not in the segment (it is
 * pending: its producer has no marker after it here), and each offset once: where {@code main}
 * already has a row at an offset of the segment (a retried upload, a leader change, an unclean
 * election), the row of the newest leader epoch wins, the segment's on a tie. Every row still goes
 * to the Kafka view.
 *
 * <p>One instance serves one upload, in offset order.
 */
public final class AnalystRows {
  private final List<AbortedTransaction> aborted;
  private final TransactionMarkers markers;
  private final Map<Long, List<LocatedRow>> existing = new HashMap<>();
  private final Set<Long> matched = new HashSet<>();
  private final List<LocatedRow> replaced = new ArrayList<>();
  private int maxLeaderEpoch = -1;

  /**
   * @param aborted the aborted transactions of the segment's transaction index
   * @param markers the segment's transaction markers
   * @param existing the rows {@code main} already holds in the segment's offset range
   */
  public AnalystRows(List<AbortedTransaction> aborted, TransactionMarkers markers, List<LocatedRow> existing) {
    this.aborted = List.copyOf(aborted);
    this.markers = markers;
    existing.forEach(row -> this.existing.computeIfAbsent(row.offset(), o -> new ArrayList<>()).add(row));
  }

  /**
   * Where the row goes: {@code main}, a pending transaction of its producer, or the Kafka view
   * only; decides too which existing rows at its offset it replaces.
   */
  Destination destination(KafkaRow row) {
    BatchHeader header = row.batch().header();
    maxLeaderEpoch = Math.max(maxLeaderEpoch, header.partitionLeaderEpoch());
    if (header.attributes().isControl() || isAborted(header, row.offset()) || !newest(row.offset(), header)) {
      return Destination.KAFKA_VIEW;
    }
    if (header.attributes().isTransactional() && markers.after(header.producerId(), row.offset()).isEmpty()) {
      return Destination.pending(header.producerId());
    }
    return Destination.MAIN;
  }

  /** Whether the row wins over the rows {@code main} has at its offset, which it then replaces. */
  private boolean newest(long offset, BatchHeader header) {
    List<LocatedRow> there = existing.get(offset);
    if (there == null) {
      return true;
    }
    matched.add(offset);
    boolean newer = there.stream().allMatch(old -> old.leaderEpoch() <= header.partitionLeaderEpoch());
    if (newer) {
      replaced.addAll(there);
    }
    return newer;
  }

  /**
   * The rows of {@code main} the segment replaces, once every row was asked about: those at its
   * offsets of no newer epoch, and those at offsets it does not have (a diverged log) of no newer
   * epoch than its own newest.
   */
  public List<LocatedRow> replaced() {
    List<LocatedRow> all = new ArrayList<>(replaced);
    existing.forEach((offset, rows) -> {
      if (!matched.contains(offset)) {
        rows.stream().filter(row -> row.leaderEpoch() <= maxLeaderEpoch).forEach(all::add);
      }
    });
    return all;
  }

  private boolean isAborted(BatchHeader header, long offset) {
    if (!header.attributes().isTransactional()) {
      return false;
    }
    for (AbortedTransaction transaction : aborted) {
      if (transaction.covers(header.producerId(), offset)) {
        return true;
      }
    }
    return false;
  }
}
