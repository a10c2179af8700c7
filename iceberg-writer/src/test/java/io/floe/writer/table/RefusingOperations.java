package io.floe.writer.table;

import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.exceptions.ServiceUnavailableException;

/**
 * A table's operations whose catalog refuses every commit that changes snapshots or refs until
 * {@link #recover} is called, as a catalog going down in the middle of a maintenance pass would;
 * commits of properties alone (the lease) go through.
 */
public final class RefusingOperations extends ForwardingOperations {
  private volatile boolean refusing = true;

  public RefusingOperations(TableOperations operations) {
    super(operations);
  }

  /** The catalog is back: every commit goes through. */
  public void recover() {
    refusing = false;
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    boolean viewsChange = !base.snapshots().equals(metadata.snapshots()) || !base.refs().equals(metadata.refs());
    if (refusing && viewsChange) {
      throw new ServiceUnavailableException("The catalog is down");
    }
    super.commit(base, metadata);
  }
}
