package io.floe.translator.verify;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code floe verify-segment FILE...}: checks that Floe gives back every record of each segment
 * exactly, and prints one line per segment. Exit status 0 when every record of every segment is
 * identical, 1 when any is not (or a segment cannot be read), 2 on wrong usage. A subcommand of the
 * {@code floe} tool (plugin), and runnable alone.
 */
@Command(name = "verify-segment", sortOptions = false,
    header = "Checks that Floe gives back every record of Kafka log segments exactly.",
    description = {"%nReads each Kafka log segment, rebuilds every batch from its rows as a remote fetch would, and "
        + "reports how many batches come back byte-identical, record-identical, raw or mismatched. Reads the files "
        + "only: safe on a live broker's segments. Needs no configuration."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:every record of every segment is identical", "1:a batch mismatches or a file cannot be read",
        "2:wrong usage"})
public final class VerifySegmentCommand implements Callable<Integer> {
  /** Kafka's partition directory name: {@code <topic>-<partition>}. */
  private static final Pattern PARTITION_DIRECTORY = Pattern.compile(".*-(\\d+)");
  private static final String USAGE = "usage: floe verify-segment FILE...";

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Kafka log segment files (.log).")
  List<Path> files = new ArrayList<>();

  @Spec
  CommandSpec spec;

  private final PrintStream out;
  private final PrintStream err;

  /** As a subcommand: it prints to its command line's writers. */
  public VerifySegmentCommand() {
    this(null, null);
  }

  VerifySegmentCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new VerifySegmentCommand()).execute(args));
  }

  /** Runs the command on these arguments, printing to the streams it was made with. */
  int run(String... args) {
    CommandLine line = new CommandLine(this);
    line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    return line.execute(args);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (files.isEmpty()) {
        err.println(USAGE);
        err.println("Reads each Kafka log segment, rebuilds every batch from its rows, and reports");
        err.println("how many batches come back byte-identical, record-identical, raw or mismatched.");
        return CommandLine.ExitCode.USAGE;
      }
      boolean exact = true;
      for (Path file : files) {
        exact &= verify(file, out, err);
      }
      return exact ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static boolean verify(Path file, PrintWriter out, PrintWriter err) {
    if (!Files.isRegularFile(file)) {
      err.println(file + ": no such segment file");
      return false;
    }
    try {
      SegmentReport report = new SegmentVerifier(partitionOf(file)).verify(file);
      out.println(report.summary());
      report.firstMismatch().ifPresent(mismatch -> out.println("  " + mismatch));
      return report.isExact();
    } catch (UncheckedIOException e) {
      err.println(file + ": " + e.getMessage());
      return false;
    }
  }

  /** The partition from the segment's directory name; it labels rows only, so 0 when unknown. */
  static int partitionOf(Path file) {
    Path directory = file.toAbsolutePath().getParent();
    if (directory != null && directory.getFileName() != null) {
      Matcher matcher = PARTITION_DIRECTORY.matcher(directory.getFileName().toString());
      if (matcher.matches() && matcher.group(1).length() < 10) {
        return Integer.parseInt(matcher.group(1));
      }
    }
    return 0;
  }
}
