package io.floe.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * A JDBC catalog whose next commits succeed and then fail as if the answer was lost on the way
 * back, as a network failure after the catalog's write does: the commit is in the catalog, and the
 * writer hears {@link CommitStateUnknownException}; the catalog stays unreachable for the refresh
 * right after, so that the writer cannot find out either. Armed with {@link #failAfterNextCommits}.
 */
public final class UnknownOutcomeCatalog extends JdbcCatalog {
  private static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
  private static final AtomicInteger INTERRUPTIONS_LEFT = new AtomicInteger();
  private static final AtomicInteger UNANSWERED_REFRESHES = new AtomicInteger();

  static void failAfterNextCommits(int count) {
    FAILURES_LEFT.set(count);
    UNANSWERED_REFRESHES.set(0);
  }

  /**
   * The next commit is written, then its thread interrupted, as the broker interrupts a copy it
   * cancels on a leadership change: Iceberg's {@code Tasks} then sets the interrupt flag again and
   * throws a {@code RuntimeException} caused by the {@code InterruptedException}.
   */
  static void interruptAfterNextCommit() {
    INTERRUPTIONS_LEFT.set(1);
  }

  @Override
  protected TableOperations newTableOps(TableIdentifier identifier) {
    return new LosingAnswers(super.newTableOps(identifier));
  }

  private record LosingAnswers(TableOperations delegate) implements TableOperations {
    @Override
    public void commit(TableMetadata base, TableMetadata metadata) {
      delegate.commit(base, metadata);
      if (INTERRUPTIONS_LEFT.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
        Thread.currentThread().interrupt();
        throw new RuntimeException(new InterruptedException("the broker cancelled the copy"));
      }
      if (FAILURES_LEFT.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
        UNANSWERED_REFRESHES.set(1);
        throw new CommitStateUnknownException(new RuntimeException("connection reset after the commit was written"));
      }
    }

    @Override
    public TableMetadata current() {
      return delegate.current();
    }

    @Override
    public TableMetadata refresh() {
      if (UNANSWERED_REFRESHES.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
        throw new UncheckedIOException(new IOException("connection refused: the catalog is unreachable"));
      }
      return delegate.refresh();
    }

    @Override
    public FileIO io() {
      return delegate.io();
    }

    @Override
    public EncryptionManager encryption() {
      return delegate.encryption();
    }

    @Override
    public String metadataFileLocation(String fileName) {
      return delegate.metadataFileLocation(fileName);
    }

    @Override
    public LocationProvider locationProvider() {
      return delegate.locationProvider();
    }

    @Override
    public TableOperations temp(TableMetadata uncommittedMetadata) {
      return delegate.temp(uncommittedMetadata);
    }

    @Override
    public long newSnapshotId() {
      return delegate.newSnapshotId();
    }

    @Override
    public boolean requireStrictCleanup() {
      return delegate.requireStrictCleanup();
    }
  }
}
