package dev.goodhart.ingest.droid;

import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.FileLayout;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.UsageSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Droid, Factory's agent, keeps each session under {@code ~/.factory/sessions/} (in a folder per
 * project): the transcript {@code <session>.jsonl} and the settings {@code
 * <session>.settings.json}, which carry the session's token totals. {@code DROID_SESSIONS_DIR}
 * names other folders (several, separated by commas), as ccusage reads it.
 */
public final class DroidSource implements UsageSource {
  static final String SESSIONS_DIR_VARIABLE = "DROID_SESSIONS_DIR";

  @Override
  public String name() {
    return DroidSettingsParser.SOURCE;
  }

  @Override
  public String description() {
    return "Droid (Factory) session settings";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    List<Path> folders = environment.paths(SESSIONS_DIR_VARIABLE);
    return folders.isEmpty() ? List.of(environment.home().resolve(".factory/sessions")) : folders;
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    return List.of(copy.resolve(".factory/sessions"), copy.resolve("sessions"));
  }

  @Override
  public boolean isLogFile(Path root, Path file) {
    return file.getFileName().toString().endsWith(".settings.json");
  }

  @Override
  public boolean recognizes(Path file, byte[] head) {
    return isLogFile(file, file)
        && new String(head, StandardCharsets.UTF_8).contains("\"tokenUsage\"");
  }

  @Override
  public FileLayout layout(Path file) {
    return FileLayout.WHOLE_FILE;
  }

  @Override
  public RecordParser newParser(LogFile file, String state) {
    return new DroidSettingsParser(file);
  }
}
