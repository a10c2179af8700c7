package io.floe.writer.commit;

import io.floe.writer.pending.PendingTransactions;
import org.apache.iceberg.UpdateProperties;

/** Writes a partition's pending transactions to their table property, which goes when none is left. */
final class PendingState {
  private PendingState() {}

  static void write(UpdateProperties properties, PendingTransactions pending) {
    String key = PendingTransactions.property(pending.partition());
    if (pending.isEmpty()) {
      properties.remove(key);
    } else {
      properties.set(key, pending.toJson());
    }
    properties.commit();
  }
}
