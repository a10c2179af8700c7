package io.floe.plugin.tool;

import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.commit.KafkaViewBranch;
import io.floe.writer.maintenance.ReferencedFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.FileInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code floe check}: every manifest's data files exist and are in the Kafka view's branch, and no
 * file under a table's data location is referenced by nothing. One line per problem; the exit
 * status tells scripts whether there was any.
 */
@Command(name = "check", sortOptions = false,
    header = "Checks that every tiered segment's files are there and kept, and lists orphan files.",
    description = {"%nFor every segment manifest (of one topic with --topic): each data file it lists exists in the "
        + "object store and is in the table's floe branch. Then lists orphans: files under the table's data "
        + "location that no snapshot of the table and no manifest references. Reads manifests and the table's "
        + "metadata, never data files."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:no problem found", "1:a file is missing, unreachable or orphaned, a manifest is damaged or "
        + "its table is gone; or the catalog or the object store failed",
        "2:wrong usage, a bad configuration, an unknown topic"})
final class CheckCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = "--topic", paramLabel = "TOPIC", description = "Check this topic's manifests and table only.")
  Optional<String> topic;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Spec
  CommandSpec spec;

  private PrintWriter out;
  private long problems;

  @Override
  public Integer call() throws IOException {
    out = spec.commandLine().getOut();
    try (ToolContext context = ToolContext.open(config.file)) {
      List<ToolContext.ManifestFile> manifests = context.manifests(topic);
      Map<TableIdentifier, Optional<TableFiles>> tables = new LinkedHashMap<>();
      topic.ifPresent(t -> tables.put(context.tableOf(t), context.loadTable(context.tableOf(t)).map(TableFiles::of)));
      if (topic.isPresent() && manifests.isEmpty() && tables.get(context.tableOf(topic.get())).isEmpty()) {
        throw ToolException.badInput("Cannot check topic " + topic.get() + ": no table " + context.tableOf(topic.get())
            + " in " + context.catalogDescription() + " and no manifest under " + context.manifestPrefix());
      }
      if (topic.isEmpty()) {
        context.floeTables().forEach((identifier, table) -> tables.put(identifier, Optional.of(TableFiles.of(table))));
      }
      Set<String> listed = new HashSet<>();
      long dataFiles = 0;
      for (ToolContext.ManifestFile file : manifests) {
        dataFiles += checkManifest(context, file, tables, listed);
      }
      String orphans = listOrphans(context, tables, listed);
      out.println("checked " + manifests.size() + " manifests, " + dataFiles + " data files, " + tables.size()
          + " tables; orphans " + orphans);
      out.println(problems == 0 ? "no problems" : "problems: " + problems);
      return problems == 0 ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }
  }

  private long checkManifest(ToolContext context, ToolContext.ManifestFile file,
      Map<TableIdentifier, Optional<TableFiles>> tables, Set<String> listed) {
    SegmentManifest manifest;
    try {
      manifest = context.readManifest(file.location());
    } catch (ToolException e) {
      problem("damaged", file.location() + ": " + e.getMessage());
      return 0;
    }
    TableIdentifier identifier = TableIdentifier.parse(manifest.tableName());
    Optional<TableFiles> table = tables.computeIfAbsent(identifier, id -> context.loadTable(id).map(TableFiles::of));
    String segment = describe(manifest.segment()) + ", manifest " + file.location();
    if (table.isEmpty()) {
      problem("no-table", "table " + identifier + " of " + segment + " is not in " + context.catalogDescription());
    }
    for (DataFileRef dataFile : manifest.files()) {
      String location = dataFile.location();
      listed.add(ReferencedFiles.canonical(location));
      if (!context.io().newInputFile(location).exists()) {
        problem("missing", location + ": listed by " + segment + ", not in the object store");
      } else if (table.isPresent() && !table.get().inKafkaView().contains(ReferencedFiles.canonical(location))) {
        problem("unreachable", location + ": listed by " + segment + ", not in branch " + KafkaViewBranch.NAME
            + " of table " + identifier);
      }
    }
    return manifest.files().size();
  }

  private String listOrphans(ToolContext context, Map<TableIdentifier, Optional<TableFiles>> tables, Set<String> listed) {
    List<String> locations = new ArrayList<>();
    tables.forEach((identifier, table) -> table.ifPresent(files -> {
      locations.add(files.dataLocation());
      for (FileInfo file : context.list(files.dataLocation())) {
        String location = ReferencedFiles.canonical(file.location());
        if (!files.referenced().contains(location) && !listed.contains(location)) {
          problem("orphan", file.location() + " (" + file.size() + " bytes): under the data location of table "
              + identifier + ", in no snapshot of it and no manifest");
        }
      }
    }));
    return "listed under " + (locations.isEmpty() ? "no table" : String.join(", ", locations));
  }

  private void problem(String kind, String what) {
    problems++;
    out.println(kind + ": " + what);
  }

  private static String describe(SegmentRef segment) {
    return "segment " + segment.segmentId() + " of " + segment.topic() + "-" + segment.partition();
  }
}
