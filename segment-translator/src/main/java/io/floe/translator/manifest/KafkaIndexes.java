package io.floe.translator.manifest;

import java.util.Optional;

/**
 * The five indexes the broker uploads with a segment, kept byte for byte: a follower rebuilding
 * its state parses the leader-epoch checkpoint and loads the producer snapshot as they are. The
 * transaction index is absent when the segment has none; Floe adds to it only the aborts the
 * broker left out ({@code TransactionIndex#adding}).
 */
public record KafkaIndexes(
    byte[] offsetIndex, byte[] timeIndex, Optional<byte[]> transactionIndex, byte[] producerSnapshot, byte[] leaderEpoch) {
  /** These indexes with {@code index} as the transaction index. */
  public KafkaIndexes withTransactionIndex(byte[] index) {
    return new KafkaIndexes(offsetIndex, timeIndex, Optional.of(index), producerSnapshot, leaderEpoch);
  }
}
