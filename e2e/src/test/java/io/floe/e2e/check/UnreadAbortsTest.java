package io.floe.e2e.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.RecordedRemoteSegments.RecordedSegment;
import io.floe.translator.segment.AbortedTransaction;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Only an abort Floe's index holds for a segment the broker recorded with an empty transaction
 * index may be served to read_committed: the stop-24 long run's case (producer 20192, records
 * 7153-7157, marker 7163 in segment 7163-7223).
 */
class UnreadAbortsTest {
  private static final TopicPartition P0 = new TopicPartition("crashes", 0);
  private static final TopicPartition P1 = new TopicPartition("crashes", 1);
  private static final AbortedTransaction ABORT = new AbortedTransaction(20192, 7153, 7163);

  @Test
  void theRecordsOfAnAbortInFloesIndexOfASegmentTheBrokerRecordedWithoutIndexAreCovered() {
    UnreadAborts unread = UnreadAborts.of(List.of(segment("marker", P0, true)), Map.of("marker", List.of(ABORT)));

    assertFalse(unread.covers(P0, 7152), "before the transaction");
    assertTrue(unread.covers(P0, 7153));
    assertTrue(unread.covers(P0, 7162));
    assertFalse(unread.covers(P0, 7163), "the marker");
    assertEquals(1, unread.transactions());
  }

  @Test
  void anAbortInASegmentWhoseIndexTheBrokerReadsIsNotCovered() {
    UnreadAborts unread = UnreadAborts.of(List.of(segment("marker", P0, false)), Map.of("marker", List.of(ABORT)));

    assertFalse(unread.covers(P0, 7153));
  }

  @Test
  void aSegmentRecordedWithoutIndexCoversNothingFloesIndexLacks() {
    UnreadAborts unread = UnreadAborts.of(List.of(segment("marker", P0, true)), Map.of());

    assertFalse(unread.covers(P0, 7153));
  }

  @Test
  void anAbortCoversNothingOfAnotherPartition() {
    UnreadAborts unread = UnreadAborts.of(List.of(segment("marker", P0, true)), Map.of("marker", List.of(ABORT)));

    assertFalse(unread.covers(P1, 7153));
  }

  private static RecordedSegment segment(String id, TopicPartition partition, boolean transactionIndexEmpty) {
    return new RecordedSegment(id, partition, 7163, 7223, transactionIndexEmpty);
  }
}
