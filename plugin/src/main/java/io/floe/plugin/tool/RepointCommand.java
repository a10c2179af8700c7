package io.floe.plugin.tool;

import io.floe.plugin.kafka.Redaction;
import io.floe.reader.ReplayComparison;
import io.floe.reader.SegmentFetcher;
import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.manifest.ManifestStore;
import io.floe.writer.repoint.KafkaViewRepointing;
import io.floe.writer.repoint.RepointingReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code floe repoint TOPIC}: one pass of the Kafka view following the compactions of the topic's
 * table's {@code main} (docs/architecture.md §6), for an operator to run after compacting.
 */
@Command(name = "repoint", sortOptions = false,
    header = "Re-points a topic's Kafka view at the files a compaction of its table's main put in place of its own.",
    description = {"%nFor each tiered segment whose data files a compaction took out of main (Spark's "
        + "rewrite_data_files, a catalog's managed compaction), finds its rows in the files that replaced them, checks "
        + "that the segment's manifest would serve the same bytes from there, and rewrites the manifest. Files no "
        + "manifest lists any more leave the Kafka view's branch once the grace period has passed, on a later run; "
        + "expire_snapshots then deletes them. A segment whose rows are not all in the new files keeps its own "
        + "files, and is listed with the reason. Run one at a time per table; it writes to the catalog and the "
        + "manifests."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done (segments kept on their own files are listed, not failed)",
        "1:the catalog or the object store failed; running again goes on",
        "2:wrong usage, a bad configuration, an unknown topic, a grace period too short"})
final class RepointCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--grace-period", paramLabel = "DURATION", defaultValue = "PT1H",
      description = "How long a file stays in the Kafka view's branch after no manifest lists it, ISO-8601 "
          + "(default: ${DEFAULT-VALUE}). Longer than a broker keeps a manifest cached (5 minutes) plus the longest "
          + "fetch.")
  Duration gracePeriod;

  @Parameters(paramLabel = "TOPIC", description = "The Kafka topic.")
  String topic;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (gracePeriod.compareTo(SegmentFetcher.MANIFEST_MAX_AGE) <= 0) {
      throw ToolException.badInput("Cannot wait a grace period of " + gracePeriod + ": a broker may serve a fetch "
          + "from a manifest read up to " + SegmentFetcher.MANIFEST_MAX_AGE + " earlier");
    }
    try (ToolContext context = ToolContext.open(config.file)) {
      TableIdentifier identifier = context.config().table(topic);
      Table table = context.loadTable(identifier).orElseThrow(() -> ToolException.badInput("Cannot re-point topic "
          + topic + ": no table " + identifier + " in " + context.catalogDescription()));
      RepointingReport report;
      try {
        report = KafkaViewRepointing.of(table)
            .manifestsIn(new ManifestStore(context.io(), context.manifestPrefix()))
            .ofTopic(topic)
            .verifiedBy(new ReplayComparison(context.io())::difference)
            .gracePeriod(gracePeriod)
            .commit();
      } catch (RuntimeException e) {
        throw ToolException.failed("Cannot re-point topic " + topic + " of table " + identifier + ": "
            + Redaction.redact(String.valueOf(e.getMessage())), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("table " + identifier + ": re-pointed " + report.repointed().size() + " segments, kept "
          + report.kept().size() + " on their own files, retired " + report.retiredFiles() + " files, released "
          + report.releasedFiles());
      report.repointed().forEach(segment -> out.println("re-pointed " + segment));
      for (Map.Entry<SegmentRef, String> kept : report.kept().entrySet()) {
        out.println("kept " + kept.getKey() + ": " + kept.getValue());
      }
      return CommandLine.ExitCode.OK;
    }
  }
}
