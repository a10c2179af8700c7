package io.floe.plugin.tool;

import io.floe.plugin.kafka.Redaction;
import io.floe.writer.maintenance.MaintenanceReport;
import io.floe.reader.ReplayComparison;
import io.floe.writer.maintenance.TableMaintenance;
import io.floe.writer.manifest.ManifestStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code floe maintain}: the broker's maintenance pass, run once from outside the broker. */
@Command(name = "maintain", sortOptions = false,
    header = "Runs a maintenance pass over topics' tables: rewrites main's manifests, expires its snapshots, "
        + "removes orphan files.",
    description = {"%nThe pass the broker runs for maintenance.topics, with the same maintenance.* keys, once, over "
        + "the tables of the given topics, or over every table of the configured namespace that Floe made or "
        + "adopted. Each table is taken under its maintenance lease (table property floe.maintenance.lease): a "
        + "table whose lease a broker or another run holds is skipped, and the lease is given back after the pass. "
        + "Every step leaves the Kafka view and main readable wherever it stops; a failed step is tried again by "
        + "the next run. docs/operations/maintenance.md describes each step."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:every table maintained, or skipped for a lease held elsewhere",
        "1:a step failed, or the catalog or the object store did", "2:wrong usage, a bad configuration, an unknown topic"})
final class MaintainCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = "--topic", paramLabel = "TOPIC", description = "Maintain this topic's table; repeat for several.")
  List<String> topics = List.of();

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (ToolContext context = ToolContext.open(config.file)) {
      Map<TableIdentifier, Table> tables = tables(context);
      TableMaintenance pass = new TableMaintenance(context.config().maintenance().settings(), owner(), Clock.systemUTC(),
          new ManifestStore(context.io(), context.manifestPrefix()), new ReplayComparison(context.io())::difference);
      int maintained = 0;
      int skipped = 0;
      int failed = 0;
      for (Map.Entry<TableIdentifier, Table> table : tables.entrySet()) {
        MaintenanceReport report = pass.run(table.getValue());
        if (report.heldElsewhere().isPresent()) {
          skipped++;
          out.println("table " + table.getKey() + ": skipped: " + report.heldElsewhere().get().owner()
              + " holds its maintenance lease until " + report.heldElsewhere().get().until());
          continue;
        }
        out.println("table " + table.getKey() + ":");
        report.steps().forEach(step -> out.println("  " + Redaction.redact(step.describe())));
        report.leaseFailure().ifPresent(e -> out.println("  lease: failed: " + Redaction.redact(String.valueOf(e.getMessage()))));
        if (report.failed()) {
          failed++;
        } else {
          maintained++;
        }
      }
      out.println("maintained " + maintained + " tables, skipped " + skipped + " (leased elsewhere), failed " + failed);
      return failed == 0 ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }
  }

  /** The tables of the topics given, each as the broker names it; or every Floe table of the namespace. */
  private Map<TableIdentifier, Table> tables(ToolContext context) {
    if (topics.isEmpty()) {
      return context.floeTables();
    }
    Map<TableIdentifier, Table> tables = new LinkedHashMap<>();
    for (String topic : topics) {
      TableIdentifier identifier = context.config().table(topic);
      Table table = context.loadTable(identifier).orElseThrow(() -> ToolException.badInput("Cannot maintain topic "
          + topic + ": no table " + identifier + " in " + context.catalogDescription()));
      tables.put(identifier, table);
    }
    return tables;
  }

  /** This run, as the lease names it to the brokers and other runs. */
  private static String owner() {
    return "floe maintain (" + ManagementFactory.getRuntimeMXBean().getName() + ")";
  }
}
