package dev.goodhart.ingest.gemini;

import dev.goodhart.ingest.AgentWork;
import org.jspecify.annotations.Nullable;

/**
 * The lines Gemini CLI's file tools write, and those of its forks (Qwen Code), as {@link
 * dev.goodhart.model.git.LineHash}es: {@code write_file} ({@code file_path}, {@code content})
 * writes the whole file; {@code replace}, which Qwen Code calls {@code edit} ({@code file_path},
 * {@code old_string}, {@code new_string}), writes the lines its new text adds.
 */
public final class GeminiEdits {
  private static final long[] NO_LINES = {};

  private GeminiEdits() {}

  /** Whether a tool of this name writes files. */
  public static boolean writes(@Nullable String tool) {
    return "write_file".equals(tool) || "replace".equals(tool) || "edit".equals(tool);
  }

  /**
   * @param content, oldString, newString the call's arguments as line hashes, null when absent
   */
  public static long[] written(
      @Nullable String tool,
      long @Nullable [] content,
      long @Nullable [] oldString,
      long @Nullable [] newString) {
    if ("write_file".equals(tool)) {
      return content != null ? content : NO_LINES;
    }
    if (("replace".equals(tool) || "edit".equals(tool)) && newString != null) {
      return AgentWork.replaced(oldString != null ? oldString : NO_LINES, newString);
    }
    return NO_LINES;
  }
}
