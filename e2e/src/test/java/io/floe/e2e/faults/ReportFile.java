package io.floe.e2e.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reliability report: a Markdown file of one section per scenario, each headed {@code # <scenario>}.
 * A scenario's run replaces its own section and keeps the others', so that the {@code faults}
 * profile leaves every scenario's figures in one file.
 */
final class ReportFile {
  private ReportFile() {}

  /** Writes {@code section} (headed {@code # scenario}) into {@code file}, replacing that scenario's older one. */
  static void write(Path file, String scenario, String section) {
    try {
      Files.createDirectories(file.getParent());
      List<String> kept = new ArrayList<>();
      if (Files.exists(file)) {
        boolean inOwn = false;
        for (String line : Files.readAllLines(file)) {
          if (line.startsWith("# ")) {
            inOwn = line.equals("# " + scenario);
          }
          if (!inOwn) {
            kept.add(line);
          }
        }
      }
      String others = String.join("\n", kept).strip();
      Files.writeString(file, (others.isEmpty() ? "" : others + "\n\n") + section.strip() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the reliability report to " + file + ": " + e.getMessage(), e);
    }
  }
}
