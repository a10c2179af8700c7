package io.floe.e2e.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Only offsets retention deleted ahead of the consumer, as the broker told it, may be missing from a read. */
class RetentionGapsTest {
  private static final TopicPartition P0 = new TopicPartition("crashes", 0);
  private static final TopicPartition P1 = new TopicPartition("crashes", 1);

  @Test
  void theOffsetsFromTheConsumersPositionToTheNewLogStartWereDeleted() {
    RetentionGaps gaps = new RetentionGaps();
    gaps.add(P0, 1572, 1623);

    assertFalse(gaps.deleted(P0, 1571), "read before the gap");
    assertTrue(gaps.deleted(P0, 1572));
    assertTrue(gaps.deleted(P0, 1622));
    assertFalse(gaps.deleted(P0, 1623), "the new log start");
  }

  @Test
  void aGapInOnePartitionDeletesNothingOfAnother() {
    RetentionGaps gaps = new RetentionGaps();
    gaps.add(P0, 0, 100);

    assertFalse(gaps.deleted(P1, 50));
  }

  @Test
  void anOutOfRangeAnswerWithTheLogStartNotPastThePositionFails() {
    RetentionGaps gaps = new RetentionGaps();

    AssertionError e = assertThrows(AssertionError.class, () -> gaps.add(P0, 1572, 1572));
    assertEquals("Cannot follow the log start of crashes-0: the broker answered offset 1572 out of range, "
        + "but its log start is 1572, not past it", e.getMessage());
  }

  @Test
  void aFailedChecksMessageNamesTheGapsOnlyIfThereWereSome() {
    RetentionGaps gaps = new RetentionGaps();
    assertEquals("", gaps.described());

    gaps.add(P0, 1572, 1623);
    assertEquals("; retention deleted ahead of the consumer [crashes-0 [1572, 1623)]", gaps.described());
  }
}
