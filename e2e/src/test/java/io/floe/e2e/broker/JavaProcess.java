package io.floe.e2e.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Java main class run in a JVM of its own, with the {@code java} of the test's JVM, the test's
 * environment plus {@code environment}, and its standard output and error appended to files.
 */
record JavaProcess(List<String> jvmOptions, String classPath, String mainClass, List<String> arguments,
    Map<String, String> environment) {

  JavaProcess {
    jvmOptions = List.copyOf(jvmOptions);
    arguments = List.copyOf(arguments);
    environment = Map.copyOf(environment);
  }

  Process start(Path workDir, Path stdout, Path stderr) {
    ProcessBuilder builder = new ProcessBuilder(command())
        .directory(workDir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
    builder.environment().putAll(environment);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + mainClass + " in " + workDir, e);
    }
  }

  /** Runs to the end; a non-zero exit or a run past {@code timeout} fails with the process's error output. */
  void run(Path workDir, Path stdout, Path stderr, Duration timeout) {
    Process process = start(workDir, stdout, stderr);
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException(String.format("Cannot run %s %s: still running after %s; output in %s and %s",
            mainClass, arguments, timeout, stdout, stderr));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + mainClass, e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(String.format("Cannot run %s %s: exit code %d; output in %s and %s",
          mainClass, arguments, process.exitValue(), stdout, stderr));
    }
  }

  private List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(arguments);
    return command;
  }
}
