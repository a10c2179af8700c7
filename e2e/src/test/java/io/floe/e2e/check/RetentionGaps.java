package io.floe.e2e.check;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets retention deleted ahead of a consumer while it read: each one from where the consumer
 * stood when the broker answered OFFSET_OUT_OF_RANGE to the log start the broker then gave. Only
 * such a gap is allowed in what a consumer reads from the log start; a record missing anywhere else
 * was lost.
 */
final class RetentionGaps {
  private final List<Gap> gaps = new ArrayList<>();

  /**
   * Notes that the broker answered {@code position} of {@code partition} out of range and then gave
   * {@code logStart} as its log start: retention deleted the offsets in between. Fails unless the log
   * start is past the position, as nothing else makes a consumer's next offset out of range.
   */
  void add(TopicPartition partition, long position, long logStart) {
    if (logStart <= position) {
      throw new AssertionError(String.format(
          "Cannot follow the log start of %s: the broker answered offset %d out of range, but its log start is %d, not past it",
          partition, position, logStart));
    }
    gaps.add(new Gap(partition, position, logStart));
  }

  /** Whether retention deleted {@code offset} of {@code partition} before the consumer reached it. */
  boolean deleted(TopicPartition partition, long offset) {
    return gaps.stream().anyMatch(gap -> gap.partition.equals(partition) && gap.from <= offset && offset < gap.to);
  }

  /** Nothing if the consumer met no gap, else where retention deleted ahead of it: for a failed check's message. */
  String described() {
    return gaps.isEmpty() ? "" : "; retention deleted ahead of the consumer " + gaps;
  }

  private record Gap(TopicPartition partition, long from, long to) {
    @Override
    public String toString() {
      return partition + " [" + from + ", " + to + ")";
    }
  }
}
