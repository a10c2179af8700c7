package io.floe.e2e.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where a broker's output goes, in its work directory, and the last lines of it for messages. */
public record BrokerLogs(Path serverLog, Path stdout, Path stderr) {
  private static final int TAIL_LINES = 20;

  static BrokerLogs in(Path logsDir) {
    return new BrokerLogs(logsDir.resolve("server.log"), logsDir.resolve("stdout.log"), logsDir.resolve("stderr.log"));
  }

  /** Where to look, and the end of the broker's log and of its standard error: for a broker that failed. */
  public String describe() {
    return String.format("%s%n--- last lines of server.log ---%n%s%n--- last lines of stderr ---%n%s",
        this, tail(serverLog), tail(stderr));
  }

  /** Where to look. */
  @Override
  public String toString() {
    return String.format("broker logs: %s (and %s, %s)", serverLog, stdout, stderr);
  }

  private static String tail(Path file) {
    if (!Files.exists(file)) {
      return "(none)";
    }
    try {
      List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
      return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
