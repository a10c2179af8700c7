package io.floe.translator.registry;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Checks that secrets appear nowhere an operator or a log could see them. */
final class Secrets {
  private Secrets() {}

  /** Not in the message, nor in any cause's message, nor anywhere in the stack trace a log would print. */
  static void assertNotIn(Throwable error, String... secrets) {
    StringWriter printed = new StringWriter();
    error.printStackTrace(new PrintWriter(printed));
    for (String secret : secrets) {
      assertFalse(printed.toString().contains(secret), "A secret leaked into: " + error.getMessage());
    }
  }

  static void assertNotIn(Object value, String... secrets) {
    for (String secret : secrets) {
      assertFalse(value.toString().contains(secret), "A secret leaked into toString");
    }
  }
}
