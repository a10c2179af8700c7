package io.floe.e2e.floe;

import io.floe.e2e.broker.RemoteStoragePlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Floe distribution the build laid out ({@code plugin/target/floe-<version>/}), loaded by a
 * broker as an operator loads it: its {@code lib/} as the plugin class path, settings as
 * {@code rsm.config.*}, on the embedded default (a SQLite catalog in a local warehouse); and its
 * {@code bin/floe}, run as an operator runs it.
 */
public record FloeDistribution(Path home) {
  public static final String RSM_CLASS = "io.floe.plugin.IcebergRemoteStorageManager";
  private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(5);

  public static FloeDistribution built() {
    String home = System.getProperty("floe.distribution");
    if (home == null || !Files.isDirectory(Path.of(home, "lib"))) {
      throw new IllegalStateException("No Floe distribution at " + home + ": build the plugin module first");
    }
    return new FloeDistribution(Path.of(home));
  }

  /** Floe on the embedded default with its warehouse at {@code warehouse}, plus any other settings. */
  public RemoteStoragePlugin withWarehouse(Path warehouse, Map<String, String> settings) {
    Map<String, String> config = new HashMap<>(settings);
    config.put("iceberg.catalog.warehouse", warehouse.toUri().toString());
    return withSettings(config);
  }

  /**
   * Runs the distribution's {@code bin/floe} as an operator does, a process of its own on the JDK
   * running the tests, with {@code args}; its output is kept in {@code workDir}.
   */
  public ToolRun tool(Path workDir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/floe").toString());
    command.addAll(List.of(args));
    try {
      Files.createDirectories(workDir);
      Path out = workDir.resolve("stdout.txt");
      Path err = workDir.resolve("stderr.txt");
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Process process = builder.start();
      if (!process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("bin/floe " + String.join(" ", args) + " still running after " + TOOL_TIMEOUT
            + ", killed: " + Files.readString(out) + Files.readString(err));
      }
      return new ToolRun(List.of(args), process.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run bin/floe of " + home, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while bin/floe ran", e);
    }
  }

  /** A run of {@code bin/floe}: its exit status and what it printed. */
  public record ToolRun(List<String> args, int exit, String out, String err) {
    @Override
    public String toString() {
      return "bin/floe " + String.join(" ", args) + ": exit " + exit + "\n" + out + err;
    }
  }

  /** Floe with these {@code rsm.config.*} settings (without the prefix). */
  public RemoteStoragePlugin withSettings(Map<String, String> settings) {
    return RemoteStoragePlugin.fromDirectory(RSM_CLASS, home.resolve("lib"), settings);
  }
}
