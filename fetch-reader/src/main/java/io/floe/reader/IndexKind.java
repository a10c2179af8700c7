package io.floe.reader;

import io.floe.translator.manifest.ClassicObject;
import io.floe.translator.manifest.KafkaIndexes;
import java.util.Locale;
import java.util.Optional;

/** The Kafka indexes the broker uploads with a segment and fetches back one at a time. */
public enum IndexKind {
  OFFSET,
  TIMESTAMP,
  TRANSACTION,
  PRODUCER_SNAPSHOT,
  LEADER_EPOCH;

  /** This index's bytes in a manifest; only the transaction index may be absent. */
  Optional<byte[]> bytesIn(KafkaIndexes indexes) {
    return switch (this) {
      case OFFSET -> Optional.of(indexes.offsetIndex());
      case TIMESTAMP -> Optional.of(indexes.timeIndex());
      case TRANSACTION -> indexes.transactionIndex();
      case PRODUCER_SNAPSHOT -> Optional.of(indexes.producerSnapshot());
      case LEADER_EPOCH -> Optional.of(indexes.leaderEpoch());
    };
  }

  /** The object that holds this index of a classic segment. */
  ClassicObject classicObject() {
    return switch (this) {
      case OFFSET -> ClassicObject.OFFSET_INDEX;
      case TIMESTAMP -> ClassicObject.TIME_INDEX;
      case TRANSACTION -> ClassicObject.TRANSACTION_INDEX;
      case PRODUCER_SNAPSHOT -> ClassicObject.PRODUCER_SNAPSHOT;
      case LEADER_EPOCH -> ClassicObject.LEADER_EPOCH_CHECKPOINT;
    };
  }

  /** How a message names this index: {@code producer snapshot}. */
  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
