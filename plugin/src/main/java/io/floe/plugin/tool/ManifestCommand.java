package io.floe.plugin.tool;

import io.floe.translator.manifest.ManifestPaths;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code floe manifest SEGMENT}: a segment manifest, readable. */
@Command(name = "manifest", sortOptions = false,
    header = "Prints a tiered segment's manifest, readable.",
    description = {"%nThe segment and its offsets, the table, the data schema, the writer schemas of its typed values, "
        + "its data files and their row groups, its batches by fidelity (each one with --batches), and the sizes "
        + "of its Kafka indexes. Reads object storage only."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:printed", "1:the manifest cannot be read or is damaged",
        "2:wrong usage, a bad configuration, no such segment"})
final class ManifestCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = "--topic", paramLabel = "TOPIC", description = "Look for the segment among this topic's manifests only.")
  Optional<String> topic;

  @Option(names = "--batches", description = "Print every batch: position, size, offsets, fidelity, rows.")
  boolean batches;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Parameters(paramLabel = "SEGMENT", description = {"A manifest's location (a path or URI ending in "
      + ".floe-manifest), or a segment id as the broker logs it (the id= of a RemoteLogSegmentId)."})
  String segment;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    try (ToolContext context = ToolContext.open(config.file)) {
      String location = locate(context);
      ManifestText.print(spec.commandLine().getOut(), location, context.readManifest(location), batches);
      return CommandLine.ExitCode.OK;
    }
  }

  private String locate(ToolContext context) {
    if (segment.endsWith(".floe-manifest") || segment.contains("/")) {
      return segment;
    }
    String suffix = "/" + segment + ".floe-manifest";
    List<String> found = context.manifests(topic).stream().map(ToolContext.ManifestFile::location)
        .filter(location -> location.endsWith(suffix)).toList();
    String where = topic.map(t -> ManifestPaths.topicPrefix(context.manifestPrefix(), t) + "*")
        .orElse(context.manifestPrefix());
    if (found.isEmpty()) {
      throw ToolException.badInput("Cannot find segment " + segment + ": no manifest " + segment
          + ".floe-manifest under " + where);
    }
    if (found.size() > 1) {
      throw ToolException.badInput("Cannot choose a manifest of segment " + segment + ": there are "
          + found.size() + " (" + found.stream().collect(Collectors.joining(", ")) + "); name one");
    }
    return found.get(0);
  }
}
