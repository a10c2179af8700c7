package io.floe.plugin.tool;

import io.floe.plugin.kafka.Redaction;
import io.floe.translator.verify.VerifySegmentCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * {@code floe}: Floe's operator tool, the distribution's {@code bin/floe}. One subcommand per
 * task; each but {@code verify-segment} reads the broker's configuration file and checks it as the
 * broker does. Exit status: 0 ok, 1 problems found or a failure, 2 wrong usage or bad input (a bad
 * configuration, an unknown topic or segment).
 */
@Command(name = "floe", sortOptions = false,
    header = "Floe's command-line tools: Kafka tiered storage as Apache Iceberg tables.",
    description = {"%nEvery command but verify-segment reads Floe's keys from the broker's configuration file "
        + "(--config) and checks them as the broker does at start."},
    subcommands = {VerifySegmentCommand.class, StatusCommand.class, CheckCommand.class, ManifestCommand.class,
        RepointCommand.class, MaintainCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Run 'floe COMMAND --help' for a command's options. docs/operations/tools.md describes each."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:ok", "1:problems found, or a failure (object store, catalog)",
        "2:wrong usage or bad input (configuration, unknown topic or segment)"})
public final class FloeTool implements Runnable {
  @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private FloeTool() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(execute(out, err, args));
  }

  /** Runs the tool on these arguments, printing to {@code out} and {@code err}; returns the exit status. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine line = new CommandLine(new FloeTool())
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(new Failures());
    try {
      return line.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** {@code floe} alone: wrong usage, answered with the list of commands. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  /** A command's failure as one line naming what went wrong, without a stack trace or a secret. */
  private static final class Failures implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
      PrintWriter err = command.getErr();
      if (e instanceof ToolException failure) {
        err.println("floe " + command.getCommandName() + ": " + failure.getMessage());
        return failure.exitCode();
      }
      err.println("floe " + command.getCommandName() + ": " + Redaction.redact(describe(e)));
      return CommandLine.ExitCode.SOFTWARE;
    }

    private static String describe(Throwable e) {
      StringBuilder message = new StringBuilder(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
          message.append(": ").append(cause.getMessage());
        }
      }
      return message.toString();
    }
  }
}
