package io.floe.plugin;

import java.io.PrintWriter;
import java.io.StringWriter;

/** An error as the broker logs it: its whole cause chain. */
final class StackTraces {
  private StackTraces() {}

  static String of(Throwable error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
