package io.floe.translator.verify;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code floe verify-segment FILE...}: checks that Floe gives back every record of each segment
 * exactly, and prints one line per segment. Exit status 0 when every record of every segment is
 * identical, 1 when any is not (or a segment cannot be read), 2 on wrong usage.
 */
public final class VerifySegmentCommand {
  /** Kafka's partition directory name: {@code <topic>-<partition>}. */
  private static final Pattern PARTITION_DIRECTORY = Pattern.compile(".*-(\\d+)");
  private static final String USAGE = "usage: floe verify-segment FILE...";

  private final PrintStream out;
  private final PrintStream err;

  VerifySegmentCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new VerifySegmentCommand(System.out, System.err).run(args));
  }

  int run(String... files) {
    if (files.length == 0 || files[0].equals("-h") || files[0].equals("--help")) {
      err.println(USAGE);
      err.println("Reads each Kafka log segment, rebuilds every batch from its rows, and reports");
      err.println("how many batches come back byte-identical, record-identical, raw or mismatched.");
      return files.length == 0 ? 2 : 0;
    }
    boolean exact = true;
    for (String name : files) {
      exact &= verify(Path.of(name));
    }
    return exact ? 0 : 1;
  }

  private boolean verify(Path file) {
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
