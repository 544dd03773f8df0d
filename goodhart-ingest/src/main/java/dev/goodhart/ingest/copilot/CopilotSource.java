package dev.goodhart.ingest.copilot;

import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.UsageSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub Copilot CLI writes usage only through OpenTelemetry: with {@code
 * COPILOT_OTEL_ENABLED=true} and {@code COPILOT_OTEL_EXPORTER_TYPE=file}, to the JSON lines file
 * {@code COPILOT_OTEL_FILE_EXPORTER_PATH} names. goodhart reads that file and every {@code .jsonl}
 * in {@code ~/.copilot/otel/}, where ccusage suggests keeping one file per run. Sessions that ran
 * without the file export left no usage on disk.
 */
public final class CopilotSource implements UsageSource {
  static final String EXPORT_PATH_VARIABLE = "COPILOT_OTEL_FILE_EXPORTER_PATH";

  /**
   * The files the variable named: their folder is walked, but nothing else in it is taken, since it
   * may be any folder ({@code /tmp}) full of other tools' files.
   */
  private final Set<Path> namedExports = ConcurrentHashMap.newKeySet();

  @Override
  public String name() {
    return CopilotOtelParser.SOURCE;
  }

  @Override
  public String description() {
    return "GitHub Copilot CLI OpenTelemetry file exports";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    List<Path> roots = new ArrayList<>();
    roots.add(environment.home().resolve(".copilot/otel"));
    environment
        .path(EXPORT_PATH_VARIABLE)
        .ifPresent(
            export -> {
              namedExports.add(real(export));
              Path folder = export.toAbsolutePath().getParent();
              if (folder != null && !roots.contains(folder)) {
                roots.add(folder);
              }
            });
    return roots;
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    return List.of(copy.resolve(".copilot/otel"), copy.resolve("otel"));
  }

  @Override
  public boolean isLogFile(Path root, Path file) {
    return file.getFileName().toString().endsWith(".jsonl")
        && (isOtelFolder(root) || namedExports.contains(real(file)));
  }

  private static boolean isOtelFolder(Path root) {
    Path name = root.getFileName();
    return name != null && name.toString().equals("otel");
  }

  private static Path real(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      return file.toAbsolutePath().normalize();
    }
  }

  /** A file export's lines carry GenAI attributes and the SDK's span or log record fields. */
  @Override
  public boolean recognizes(Path file, byte[] head) {
    String start = new String(head, StandardCharsets.UTF_8);
    return file.getFileName().toString().endsWith(".jsonl")
        && start.contains("\"gen_ai.")
        && start.contains("\"attributes\"")
        && (start.contains("\"traceId\"")
            || start.contains("\"hrTime\"")
            || start.contains("\"spanContext\""));
  }

  @Override
  public RecordParser newParser(LogFile file, String state) {
    return new CopilotOtelParser(file, state);
  }
}
