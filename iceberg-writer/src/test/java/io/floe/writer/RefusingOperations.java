package io.floe.writer;

import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;

/**
 * A table's operations whose catalog refuses every commit that changes snapshots or refs while
 * {@code refusing} is set, as a catalog going down in the middle of a maintenance pass would;
 * commits of properties alone (the lease) go through.
 */
final class RefusingOperations implements TableOperations {
  private final TableOperations operations;
  volatile boolean refusing = true;

  RefusingOperations(TableOperations operations) {
    this.operations = operations;
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    boolean viewsChange = !base.snapshots().equals(metadata.snapshots()) || !base.refs().equals(metadata.refs());
    if (refusing && viewsChange) {
      throw new ServiceUnavailableException("The catalog is down");
    }
    operations.commit(base, metadata);
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
}
