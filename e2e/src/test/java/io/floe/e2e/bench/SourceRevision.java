package io.floe.e2e.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The commit of the source tree a benchmark ran from, as git names it, and whether files git tracks
 * were changed since: figures are worth as much as the reader can tell which code made them.
 */
final class SourceRevision {
  private static final long GIT_TIMEOUT_SECONDS = 30;

  private SourceRevision() {
  }

  /** {@code 1a2b3c4}, {@code 1a2b3c4 with uncommitted changes}, or why git could not tell. */
  static String describe() {
    try {
      String commit = git("rev-parse", "--short", "HEAD").trim();
      boolean changed = !git("status", "--porcelain", "--untracked-files=no").isBlank();
      return changed ? commit + " with uncommitted changes" : commit;
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown (interrupted)";
    }
  }

  private static String git(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!git.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || git.exitValue() != 0) {
      git.destroy();
      throw new IOException("git " + String.join(" ", arguments) + " failed: " + output.trim());
    }
    return output;
  }
}
