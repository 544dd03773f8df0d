package dev.goodhart.model;

/**
 * How a user gives goodhart a larger Java heap: the variable the {@code goodhart} launcher adds to
 * the JVM's options. Every message that asks for a larger heap names it from here.
 */
public final class JavaHeap {
  /** The launcher's variable of extra JVM options. */
  public static final String VARIABLE = "GOODHART_JAVA_OPTS";

  private JavaHeap() {}

  /** The setting that starts goodhart with a heap of {@code size} ({@code 1g}, {@code 2g}). */
  public static String setting(String size) {
    return VARIABLE + "=-Xmx" + size;
  }
}
