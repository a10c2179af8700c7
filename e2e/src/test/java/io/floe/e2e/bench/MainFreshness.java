package io.floe.e2e.bench;

import io.floe.e2e.floe.MainCommits.CommittedFile;
import io.floe.e2e.floe.TableFile;
import java.util.Arrays;
import java.util.List;

/**
 * How fresh {@code main} of one topic's table is, look after look: the highest offset of each Kafka
 * partition it shows, and for each record acknowledged before the end of the measured window, the
 * time from its acknowledgement to the first look that found it there. A record is visible once
 * a file of its Kafka partition reaches its offset: the broker tiers a partition's segments in
 * offset order, and each is in {@code main} once its commit is.
 */
final class MainFreshness {
  private final AckTimes acks;
  private final long windowEndNanos;
  private final long[] visibleThrough;
  private final Delays delays = new Delays();

  MainFreshness(AckTimes acks, int partitions, long windowEndNanos) {
    this.acks = acks;
    this.windowEndNanos = windowEndNanos;
    this.visibleThrough = new long[partitions];
    Arrays.fill(visibleThrough, -1);
  }

  /**
   * Takes the files a look at {@code lookNanos} found committed. A compaction's file may hold
   * several Kafka partitions, whose offsets its metrics do not tell apart; it holds only rows
   * {@code main} showed before, so it is passed over.
   */
  void see(List<CommittedFile> committed, long lookNanos) {
    for (CommittedFile each : committed) {
      TableFile file = each.file();
      if (!file.holdsOneKafkaPartition()) {
        continue;
      }
      int partition = file.firstKafkaPartition();
      for (long offset = visibleThrough[partition] + 1; offset <= file.lastOffset(); offset++) {
        long acked = acks.of(partition, offset);
        if (acked < windowEndNanos) {
          delays.add(lookNanos - acked);
        }
      }
      visibleThrough[partition] = Math.max(visibleThrough[partition], file.lastOffset());
    }
  }

  /** Whether {@code main} shows every record acknowledged within the window. */
  boolean showsTheWindow() {
    for (int partition = 0; partition < visibleThrough.length; partition++) {
      if (visibleThrough[partition] < acks.lastBefore(partition, windowEndNanos)) {
        return false;
      }
    }
    return true;
  }

  /** The highest offset {@code main} shows of each Kafka partition, -1 for none, for a message. */
  String visibleOffsets() {
    return Arrays.toString(visibleThrough);
  }

  Delays.Summary summary() {
    return delays.summary();
  }
}
