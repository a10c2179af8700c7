package io.floe.writer.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.util.Tasks;

/**
 * Which manager maintains a table for now: a table property naming the holder and when its lease
 * ends, taken and given back by compare-and-set commits to the catalog, so that of several brokers
 * (and {@code floe maintain}) the catalog lets one through. Each change is read, checked and
 * committed against the metadata it was read from; a commit that finds the table changed (any
 * other commit, an upload's included) is read and checked again, never applied blindly as
 * Iceberg's own property updates are on a retry. A holder that dies keeps the lease until its end.
 *
 * <p>The lease saves work, not data: every step is safe beside another manager's run of it.
 */
public final class MaintenanceLease {
  /** The table property. */
  public static final String PROPERTY = "floe.maintenance.lease";
  private static final int ATTEMPTS = 5;

  private final Table table;
  private final String owner;
  private final Duration term;
  private final Clock clock;

  /**
   * @param owner the manager, as other managers read it: say {@code broker 3}
   * @param term how long the lease holds without being given back
   */
  public MaintenanceLease(Table table, String owner, Duration term, Clock clock) {
    if (owner.isBlank()) {
      throw new IllegalArgumentException("Cannot lease table " + table.name() + ": the owner has no name");
    }
    this.table = table;
    this.owner = owner;
    this.term = term;
    this.clock = clock;
  }

  /** Takes the lease, or renews it, unless another owner holds it; returns who holds it now. */
  public LeaseHolder acquire() {
    AtomicReference<LeaseHolder> holder = new AtomicReference<>();
    changeProperty(base -> {
      Optional<LeaseHolder> current = LeaseHolder.parse(base.properties().get(PROPERTY));
      Instant now = clock.instant();
      if (current.isPresent() && !current.get().owner().equals(owner) && current.get().until().isAfter(now)) {
        holder.set(current.get());
        return Optional.empty();
      }
      LeaseHolder mine = new LeaseHolder(owner, now.plus(term));
      holder.set(mine);
      return Optional.of(TableMetadata.buildFrom(base).setProperties(Map.of(PROPERTY, mine.text())).build());
    });
    return holder.get();
  }

  /** Gives the lease back, if this owner holds it. */
  public void release() {
    changeProperty(base -> LeaseHolder.parse(base.properties().get(PROPERTY))
        .filter(current -> current.owner().equals(owner))
        .map(mine -> TableMetadata.buildFrom(base).removeProperties(Set.of(PROPERTY)).build()));
  }

  /** Reads the table, and commits what {@code change} makes of it, if anything, against what was read. */
  private void changeProperty(Function<TableMetadata, Optional<TableMetadata>> change) {
    if (!(table instanceof HasTableOperations withOperations)) {
      throw new IllegalArgumentException("Cannot lease table " + table.name() + ": its catalog gives no table operations");
    }
    TableOperations operations = withOperations.operations();
    Tasks.foreach(operations)
        .retry(ATTEMPTS - 1)
        .exponentialBackoff(50, 1_000, 10_000, 2.0)
        .onlyRetryOn(CommitFailedException.class)
        .run(ops -> {
          TableMetadata base = ops.refresh();
          change.apply(base).ifPresent(updated -> ops.commit(base, updated));
        });
  }
}
