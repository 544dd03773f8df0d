package dev.goodhart.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is a terminal, which decides if a progress bar is drawn. */
final class Terminal {
  private Terminal() {}

  static boolean stdoutIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // JDK 22+ returns a console even when output is redirected and says so through isTerminal().
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a console exists only when both ends are terminals
    }
  }
}
