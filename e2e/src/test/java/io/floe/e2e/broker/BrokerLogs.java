package io.floe.e2e.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;

/** Where a broker's output goes, in its work directory, and what of it to show when the broker fails. */
public record BrokerLogs(Path serverLog, Path stdout, Path stderr) {
  private static final int TAIL_LINES = 20;
  private static final Duration LOOK_INTERVAL = Duration.ofMillis(20);

  static BrokerLogs in(Path logsDir) {
    return new BrokerLogs(logsDir.resolve("server.log"), logsDir.resolve("stdout.log"), logsDir.resolve("stderr.log"));
  }

  /**
   * Where to look, the first error the broker logged (a stack trace's end hides it) and the end of
   * its log and of its standard error.
   */
  public String describe() {
    List<String> log = lines(serverLog);
    String firstError = log.stream().filter(line -> line.contains("] ERROR ")).findFirst().orElse("(none)");
    return String.format("%s%n--- first error in server.log ---%n%s%n--- last lines of server.log ---%n%s%n--- last lines of stderr ---%n%s",
        this, firstError, tail(log), tail(lines(stderr)));
  }

  /** How many lines of the broker's log, standard output and standard error so far contain {@code text}. */
  public long linesContaining(String text) {
    return Stream.of(serverLog, stdout, stderr).flatMap(file -> lines(file).stream())
        .filter(line -> line.contains(text)).count();
  }

  /**
   * The files of the broker's logs directory (server.log and every other log Kafka writes there,
   * standard output and error) that contain {@code text} so far.
   */
  public List<Path> filesContaining(String text) {
    try (Stream<Path> files = Files.list(serverLog.getParent())) {
      return files.filter(Files::isRegularFile).filter(file -> lines(file).stream().anyMatch(line -> line.contains(text)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the broker's logs in " + serverLog.getParent(), e);
    }
  }

  /** How many lines of {@code server.log} so far contain {@code text}. */
  public long serverLogLinesContaining(String text) {
    return lines(serverLog).stream().filter(line -> line.contains(text)).count();
  }

  /**
   * Waits until the broker's copy task has logged that it starts copying the partition's
   * {@code copies}th segment, which Floe then uploads for a second or so: the moment to kill it
   * mid-copy.
   */
  public void awaitCopyStarted(TopicPartition partition, int copies, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (serverLogLinesContaining(":" + partition + "] Copying ") < copies) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(String.format("Cannot see the copy of segment %d of %s start within %s%n%s",
            copies, partition, timeout, describe()));
      }
      try {
        Thread.sleep(LOOK_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for a copy", e);
      }
    }
  }

  /** Where to look. */
  @Override
  public String toString() {
    return String.format("broker logs: %s (and %s, %s)", serverLog, stdout, stderr);
  }

  private static String tail(List<String> lines) {
    return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
  }

  private static List<String> lines(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
