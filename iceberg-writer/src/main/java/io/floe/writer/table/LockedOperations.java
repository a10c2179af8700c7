package io.floe.writer.table;

import java.util.concurrent.locks.Lock;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;

/**
 * A table's operations whose commits take the lock the uploads of the table take: maintenance
 * commits between two uploads' commits instead of making them conflict, and holds the lock only
 * for the catalog call, never while it plans or deletes files.
 */
final class LockedOperations extends ForwardingOperations {
  private final Lock lock;

  LockedOperations(TableOperations operations, Lock lock) {
    super(operations);
    this.lock = lock;
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    lock.lock();
    try {
      super.commit(base, metadata);
    } finally {
      lock.unlock();
    }
  }
}
