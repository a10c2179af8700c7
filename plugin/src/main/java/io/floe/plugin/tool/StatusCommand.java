package io.floe.plugin.tool;

import io.floe.translator.manifest.ManifestPaths;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.writer.commit.KafkaViewBranch;
import io.floe.writer.pending.PendingTransactions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code floe status TOPIC}: per partition, what is tiered and what analysts see of it. */
@Command(name = "status", sortOptions = false,
    header = "Shows what is tiered of a topic and what its table's main branch holds, per partition.",
    description = {"%nPer partition: its tiered segments (count, offsets) and their data files, from the segments' "
        + "manifests; the rows in the table's main branch, from the table's metadata (no data file is read); the "
        + "rows waiting for their transaction's outcome; and the lag, the offsets tiered past the last offset in main."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:printed", "1:the catalog or the object store failed",
        "2:wrong usage, a bad configuration, an unknown topic"})
final class StatusCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Parameters(paramLabel = "TOPIC", description = "The Kafka topic.")
  String topic;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    try (ToolContext context = ToolContext.open(config.file)) {
      TableIdentifier identifier = context.tableOf(topic);
      Optional<Table> table = context.loadTable(identifier);
      Map<Integer, TieredPartition> tiered = new TreeMap<>();
      Set<String> topicIds = new TreeSet<>();
      for (ToolContext.ManifestFile file : context.manifests(Optional.of(topic))) {
        SegmentManifest manifest = context.readManifest(file.location());
        topicIds.add(manifest.segment().topicId());
        tiered.computeIfAbsent(manifest.segment().partition(), p -> new TieredPartition()).add(manifest);
      }
      String manifests = ManifestPaths.topicPrefix(context.manifestPrefix(), topic) + "*";
      if (table.isEmpty() && tiered.isEmpty()) {
        throw ToolException.badInput("Cannot show topic " + topic + ": no table " + identifier + " in "
            + context.catalogDescription() + " and no manifest under " + manifests);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("topic " + topic + (topicIds.isEmpty() ? "" : " (id " + String.join(", ", topicIds) + ")"));
      out.println("table " + identifier + " in " + context.catalogDescription() + ": "
          + table.map(StatusCommand::refs).orElse("not in the catalog"));
      out.println("manifests " + manifests);
      MainPartitions main = table.map(MainPartitions::of).orElse(new MainPartitions(Map.of()));
      Set<Integer> partitions = new TreeSet<>(tiered.keySet());
      partitions.addAll(main.byPartition().keySet());
      table.ifPresent(t -> t.properties().keySet().stream()
          .filter(key -> key.startsWith(PendingTransactions.PROPERTY_PREFIX))
          .map(key -> key.substring(PendingTransactions.PROPERTY_PREFIX.length()))
          .filter(p -> p.matches("\\d{1,9}")).map(Integer::valueOf).forEach(partitions::add));
      Totals totals = new Totals();
      for (int partition : partitions) {
        long pending = table.map(t -> PendingTransactions.of(t, partition).rowCount()).orElse(0L);
        out.println(line(partition, Optional.ofNullable(tiered.get(partition)), main.of(partition), pending, totals));
      }
      out.println("total: segments=" + totals.segments + " data-files=" + totals.dataFiles + " data-bytes="
          + totals.dataBytes + " rows-in-main=" + totals.rowsInMain + " pending-rows=" + totals.pendingRows);
      return CommandLine.ExitCode.OK;
    }
  }

  private static String refs(Table table) {
    return "main at snapshot " + snapshotOf(table, SnapshotRef.MAIN_BRANCH) + ", " + KafkaViewBranch.NAME
        + " at snapshot " + snapshotOf(table, KafkaViewBranch.NAME);
  }

  private static String snapshotOf(Table table, String ref) {
    SnapshotRef head = table.refs().get(ref);
    return head == null ? "none" : Long.toString(head.snapshotId());
  }

  private static String line(int partition, Optional<TieredPartition> tiered, Optional<MainPartitions.Partition> main,
      long pending, Totals totals) {
    StringBuilder line = new StringBuilder(partition == MainPartitions.UNKNOWN ? "partition unknown:" : "partition " + partition + ":");
    line.append(" segments=").append(tiered.map(TieredPartition::segments).orElse(0L));
    line.append(" offsets=").append(tiered.map(t -> t.firstOffset() + "-" + t.lastOffset()).orElse("none"));
    line.append(" data-files=").append(tiered.map(TieredPartition::dataFiles).orElse(0L));
    line.append(" data-bytes=").append(tiered.map(TieredPartition::dataBytes).orElse(0L));
    line.append(" rows-in-main=").append(main.map(MainPartitions.Partition::liveRows).orElse(0L));
    line.append(" pending-rows=").append(pending);
    OptionalLong lastInMain = main.map(MainPartitions.Partition::lastOffset).orElse(OptionalLong.empty());
    line.append(" last-offset-in-main=").append(lastInMain.isPresent() ? Long.toString(lastInMain.getAsLong()) : "none");
    line.append(" lag=").append(tiered.map(t -> Long.toString(lag(t, lastInMain))).orElse("0"));
    totals.segments += tiered.map(TieredPartition::segments).orElse(0L);
    totals.dataFiles += tiered.map(TieredPartition::dataFiles).orElse(0L);
    totals.dataBytes += tiered.map(TieredPartition::dataBytes).orElse(0L);
    totals.rowsInMain += main.map(MainPartitions.Partition::liveRows).orElse(0L);
    totals.pendingRows += pending;
    return line.toString();
  }

  /** Offsets tiered past the last offset in main: every tiered offset when main has none of them. */
  private static long lag(TieredPartition tiered, OptionalLong lastInMain) {
    long from = lastInMain.isPresent() ? Math.max(lastInMain.getAsLong(), tiered.firstOffset() - 1) : tiered.firstOffset() - 1;
    return Math.max(0, tiered.lastOffset() - from);
  }

  private static final class Totals {
    long segments;
    long dataFiles;
    long dataBytes;
    long rowsInMain;
    long pendingRows;
  }
}
