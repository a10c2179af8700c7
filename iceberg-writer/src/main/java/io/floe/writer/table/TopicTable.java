package io.floe.writer.table;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The table of one topic, loaded once, with the lock that serializes this JVM's catalog calls to
 * it. The broker copies several segments of a topic at once; without the lock their commits
 * conflict and burn Iceberg's retries (KAFKA-NOTES §7.8). Conflicts with other brokers are left to
 * Iceberg's own commit retries.
 */
public final class TopicTable {
  private final TableIdentifier identifier;
  private final String topic;
  private final Table table;
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * @param topic the topic whose rows the table holds: its {@code floe.topic} property, or for a
   *     table an operator created without it, the topic it was first resolved for
   */
  TopicTable(TableIdentifier identifier, String topic, Table table) {
    this.identifier = identifier;
    this.topic = topic;
    this.table = table;
  }

  String topic() {
    return topic;
  }

  /** The lock of this JVM's commits to the table. */
  ReentrantLock lock() {
    return lock;
  }

  public TableIdentifier identifier() {
    return identifier;
  }

  /** Runs {@code action} on the table as the catalog has it now, holding the table's lock. */
  public <T> T withLatest(Function<Table, T> action) {
    lock.lock();
    try {
      table.refresh();
      return action.apply(table);
    } finally {
      lock.unlock();
    }
  }
}
