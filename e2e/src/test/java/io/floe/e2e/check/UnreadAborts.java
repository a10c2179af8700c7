package io.floe.e2e.check;

import io.floe.e2e.broker.RecordedRemoteSegments.RecordedSegment;
import io.floe.translator.segment.AbortedTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The aborted transactions a broker does not leave out for read_committed consumers, through no
 * fault of the remote storage: a broker that lost a transaction's open state (Kafka's follower
 * deletes the producer snapshot it just fetched from remote storage, see docs/reliability.md) writes
 * its abort marker without an index entry. Floe adds the entry to the index it serves, but where the
 * segment's own index had no entry at all, the broker recorded it empty when the copy started and,
 * from Kafka 4.0 on, never reads it (KIP-1058, KAFKA-16780). Only aborts Floe's index of such a segment holds are
 * here: an abort missing from Floe's index, or in a segment whose index the broker does read, stays
 * a violation.
 */
public final class UnreadAborts {
  private final Map<TopicPartition, List<AbortedTransaction>> aborts;

  private UnreadAborts(Map<TopicPartition, List<AbortedTransaction>> aborts) {
    this.aborts = aborts;
  }

  /**
   * The aborts in Floe's index ({@code floeAborts}, by segment id) of each of {@code recorded} that
   * the broker recorded with an empty transaction index.
   */
  public static UnreadAborts of(List<RecordedSegment> recorded, Map<String, List<AbortedTransaction>> floeAborts) {
    Map<TopicPartition, List<AbortedTransaction>> aborts = new HashMap<>();
    for (RecordedSegment segment : recorded) {
      if (segment.transactionIndexEmpty()) {
        aborts.computeIfAbsent(segment.partition(), tp -> new ArrayList<>())
            .addAll(floeAborts.getOrDefault(segment.segmentId(), List.of()));
      }
    }
    return new UnreadAborts(aborts);
  }

  /** Whether {@code offset} of {@code partition} lies in one of these transactions, before its marker. */
  boolean covers(TopicPartition partition, long offset) {
    return aborts.getOrDefault(partition, List.of()).stream()
        .anyMatch(abort -> abort.firstOffset() <= offset && offset < abort.lastOffset());
  }

  /** How many transactions these are. */
  public int transactions() {
    return aborts.values().stream().mapToInt(List::size).sum();
  }

  @Override
  public String toString() {
    return aborts.toString();
  }
}
