package io.floe.plugin.tool;

import picocli.CommandLine;

/**
 * A command that cannot do what it was asked, with a message of the form "Cannot <do>: <why>"
 * naming the file, key, topic or segment at fault, and the exit status it ends the tool with.
 */
final class ToolException extends RuntimeException {
  private final int exitCode;

  private ToolException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** Bad input: the configuration, or an argument (an unknown topic or segment). Exit status 2. */
  static ToolException badInput(String message) {
    return new ToolException(message, CommandLine.ExitCode.USAGE, null);
  }

  static ToolException badInput(String message, Throwable cause) {
    return new ToolException(message, CommandLine.ExitCode.USAGE, cause);
  }

  /** A failure while working: the object store or the catalog. Exit status 1. */
  static ToolException failed(String message, Throwable cause) {
    return new ToolException(message, CommandLine.ExitCode.SOFTWARE, cause);
  }

  int exitCode() {
    return exitCode;
  }
}
