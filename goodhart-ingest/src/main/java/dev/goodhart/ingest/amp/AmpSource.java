package dev.goodhart.ingest.amp;

import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.FileLayout;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.UsageSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Amp keeps each thread as {@code threads/T-<uuid>.json} under its data folder: {@code
 * AMP_DATA_DIR} (several folders may be given, separated by commas, as ccusage takes them), else
 * {@code $XDG_DATA_HOME/amp}, else {@code ~/.local/share/amp}.
 */
public final class AmpSource implements UsageSource {
  static final String DATA_DIR_VARIABLE = "AMP_DATA_DIR";

  @Override
  public String name() {
    return AmpThreadParser.SOURCE;
  }

  @Override
  public String description() {
    return "Amp threads";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    List<Path> folders = environment.paths(DATA_DIR_VARIABLE);
    if (folders.isEmpty()) {
      folders =
          List.of(
              environment
                  .path("XDG_DATA_HOME")
                  .map(xdg -> xdg.resolve("amp"))
                  .orElse(environment.home().resolve(".local/share/amp")));
    }
    return folders.stream().map(folder -> folder.resolve("threads")).toList();
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    return List.of(
        copy.resolve(".local/share/amp/threads"),
        copy.resolve("amp/threads"),
        copy.resolve("threads"));
  }

  @Override
  public boolean isLogFile(Path root, Path file) {
    return file.getFileName().toString().endsWith(".json");
  }

  /** A thread file is named by its thread id and names its messages or its usage ledger. */
  @Override
  public boolean recognizes(Path file, byte[] head) {
    String name = file.getFileName().toString();
    String start = new String(head, StandardCharsets.UTF_8);
    return name.startsWith("T-")
        && name.endsWith(".json")
        && (start.contains("\"messages\"") || start.contains("\"usageLedger\""));
  }

  @Override
  public FileLayout layout(Path file) {
    return FileLayout.WHOLE_FILE;
  }

  @Override
  public RecordParser newParser(LogFile file, String state) {
    return new AmpThreadParser(file);
  }
}
