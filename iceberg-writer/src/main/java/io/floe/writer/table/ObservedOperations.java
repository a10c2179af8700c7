package io.floe.writer.table;

import io.floe.writer.table.CommitListener.CommitOutcome;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.exceptions.CommitFailedException;

/**
 * A table's operations that tell a {@link CommitListener} how each commit to the catalog ended.
 * Iceberg's commit retries, its transactions' included, all go through {@link #commit}, and no
 * report of Iceberg's own counts the attempts a transaction makes.
 */
final class ObservedOperations extends ForwardingOperations {
  private final String topic;
  private final CommitListener listener;

  ObservedOperations(TableOperations operations, String topic, CommitListener listener) {
    super(operations);
    this.topic = topic;
    this.listener = listener;
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    try {
      super.commit(base, metadata);
    } catch (CommitFailedException e) {
      listener.attempted(topic, CommitOutcome.CONFLICTED);
      throw e;
    } catch (RuntimeException e) {
      listener.attempted(topic, CommitOutcome.FAILED);
      throw e;
    }
    listener.attempted(topic, CommitOutcome.COMMITTED);
  }
}
