package io.floe.e2e.topic;

import org.apache.kafka.common.TopicPartition;

/**
 * How far one partition is tiered, as the broker answers {@code ListOffsets} (KIP-1005, which Kafka
 * 3.9 and later answer in full): the first offset still on local disk, the last offset in remote
 * storage (-1 before the first), and the log end offset.
 */
public record TieringProgress(TopicPartition partition, long earliestLocal, long latestTiered, long logEnd) {

  /** Whether every record before {@code endOffset} is in remote storage and no longer on local disk. */
  boolean isTieredBefore(long endOffset) {
    return latestTiered >= endOffset - 1 && earliestLocal >= endOffset;
  }

  @Override
  public String toString() {
    return String.format("%s: earliest local offset %d, latest tiered offset %d, log end offset %d",
        partition, earliestLocal, latestTiered, logEnd);
  }
}
