package io.floe.e2e.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's load average over 1, 5 and 15 minutes, as Linux reports it: the benchmark shares
 * the machine, and a reader of its figures should know how busy it was.
 */
public record LoadAverage(String lastMinutes) {
  private static final Path PROC_LOADAVG = Path.of("/proc/loadavg");

  public static LoadAverage now() {
    try {
      String[] fields = new String(Files.readAllBytes(PROC_LOADAVG), StandardCharsets.US_ASCII).trim().split("\\s+");
      return new LoadAverage(fields[0] + " " + fields[1] + " " + fields[2]);
    } catch (IOException e) {
      return new LoadAverage("unknown (" + PROC_LOADAVG + ": " + e.getMessage() + ")");
    }
  }

  /** The load average over the last minute; NaN if Linux did not tell. */
  double oneMinute() {
    try {
      return Double.parseDouble(lastMinutes.split(" ")[0]);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  @Override
  public String toString() {
    return lastMinutes;
  }
}
