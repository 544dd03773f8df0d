package dev.goodhart.ingest;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** What the folders around a log file say, as sources read them from its path. */
public final class LogPaths {
  private LogPaths() {}

  /**
   * The first folder below {@code root} when {@code file} lies at least {@code depth} names below
   * it ({@code <project>/chats/<session>.jsonl} is three), else null: most agents name the project
   * (or an encoding of the working directory) with that folder, and a file higher up has none.
   */
  public static @Nullable String topFolder(Path root, Path file, int depth) {
    Path relative = root.relativize(file);
    return relative.getNameCount() >= depth ? relative.getName(0).toString() : null;
  }

  /** The name of {@code folder}, or {@code fallback} when there is none (no folder, or a root). */
  public static String nameOr(@Nullable Path folder, String fallback) {
    return folder != null && folder.getFileName() != null
        ? folder.getFileName().toString()
        : fallback;
  }
}
