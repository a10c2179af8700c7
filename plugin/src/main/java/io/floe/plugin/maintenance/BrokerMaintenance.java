package io.floe.plugin.maintenance;

import io.floe.plugin.kafka.Redaction;
import io.floe.writer.SegmentUploader;
import io.floe.writer.maintenance.MaintenanceReport;
import io.floe.writer.maintenance.TableMaintenance;
import java.io.Closeable;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's maintenance (docs/operations/maintenance.md): one daemon thread that, an interval
 * after each pass, runs a {@link TableMaintenance} pass over every table the broker has tiered to
 * (or deleted from) whose topic is maintained, one table at a time. It is off the copy path: each
 * table is loaded afresh for it, and its commits take the lock of the table's uploads only for the
 * catalog call. A table another broker holds the lease of is skipped; a failure is logged and the
 * next pass tries again.
 */
public final class BrokerMaintenance implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerMaintenance.class);

  private final Supplier<Optional<SegmentUploader>> uploader;
  private final Predicate<String> maintained;
  private final TableMaintenance pass;
  private final Consumer<MaintenanceReport> reports;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread maintenance = new Thread(runnable, "floe-maintenance");
    maintenance.setDaemon(true);
    maintenance.setPriority(Thread.MIN_PRIORITY);
    return maintenance;
  });

  /**
   * @param uploader the broker's uploader, once it has made one: it knows the tables tiered to and their locks
   * @param maintained whether a topic's table is maintained
   * @param reports hears each table's report
   */
  public BrokerMaintenance(Supplier<Optional<SegmentUploader>> uploader, Predicate<String> maintained,
      TableMaintenance pass, Consumer<MaintenanceReport> reports) {
    this.uploader = uploader;
    this.maintained = maintained;
    this.pass = pass;
    this.reports = reports;
  }

  /** Runs a pass every {@code interval}, the first an interval from now. */
  public void start(Duration interval) {
    thread.scheduleWithFixedDelay(this::runPass, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runPass() {
    Optional<SegmentUploader> tiering = uploader.get();
    if (tiering.isEmpty()) {
      return;
    }
    for (Map.Entry<TableIdentifier, String> table : tiering.get().tables().entrySet()) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      if (!maintained.test(table.getValue())) {
        continue;
      }
      try {
        reports.accept(pass.run(tiering.get().loadForMaintenance(table.getKey())));
      } catch (RuntimeException e) {
        LOG.warn("Cannot maintain table {} of topic {}: {}; the next pass tries again", table.getKey(), table.getValue(),
            Redaction.redact(String.valueOf(e.getMessage())));
      }
    }
  }

  /** Stops the thread; a pass in the middle of a step leaves the table as a crash would, readable. */
  @Override
  public void close() {
    thread.shutdownNow();
  }
}
