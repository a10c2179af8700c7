package io.floe.writer.table;

import io.floe.writer.table.CommitListener.CommitOutcome;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;

/**
 * A table's operations that tell a {@link CommitListener} how each commit to the catalog ended.
 * Iceberg's commit retries, its transactions' included, all go through {@link #commit}, and no
 * report of Iceberg's own counts the attempts a transaction makes.
 */
final class ObservedOperations implements TableOperations {
  private final TableOperations operations;
  private final String topic;
  private final CommitListener listener;

  ObservedOperations(TableOperations operations, String topic, CommitListener listener) {
    this.operations = operations;
    this.topic = topic;
    this.listener = listener;
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    try {
      operations.commit(base, metadata);
    } catch (CommitFailedException e) {
      listener.attempted(topic, CommitOutcome.CONFLICTED);
      throw e;
    } catch (RuntimeException e) {
      listener.attempted(topic, CommitOutcome.FAILED);
      throw e;
    }
    listener.attempted(topic, CommitOutcome.COMMITTED);
  }

  @Override
  public TableMetadata current() {
    return operations.current();
  }

  @Override
  public TableMetadata refresh() {
    return operations.refresh();
  }

  @Override
  public FileIO io() {
    return operations.io();
  }

  @Override
  public EncryptionManager encryption() {
    return operations.encryption();
  }

  @Override
  public String metadataFileLocation(String fileName) {
    return operations.metadataFileLocation(fileName);
  }

  @Override
  public LocationProvider locationProvider() {
    return operations.locationProvider();
  }

  @Override
  public TableOperations temp(TableMetadata uncommittedMetadata) {
    return operations.temp(uncommittedMetadata);
  }

  @Override
  public long newSnapshotId() {
    return operations.newSnapshotId();
  }

  @Override
  public boolean requireStrictCleanup() {
    return operations.requireStrictCleanup();
  }
}
