package dev.goodhart.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes a home folder's worth of agent logs: Claude Code transcripts under {@code
 * .claude/projects}, Codex rollouts under {@code .codex/sessions} and {@code
 * .codex/archived_sessions}. Sessions are spread over the spec's days, mostly in working hours,
 * over a dozen projects.
 */
public final class SyntheticLogs {
  private static final String[] PROJECTS = {
    "billing-api",
    "web-app",
    "mobile",
    "infra",
    "data-pipeline",
    "auth",
    "search",
    "docs",
    "design-system",
    "payments",
    "ml-platform",
    "cli"
  };

  /** What was written. */
  public record Result(long claudeBytes, long codexBytes, int sessions, GroundTruth truth) {}

  private SyntheticLogs() {}

  public static Path claudeProjects(Path home) {
    return home.resolve(".claude").resolve("projects");
  }

  public static Path codexHome(Path home) {
    return home.resolve(".codex");
  }

  /** Writes the spec's logs into {@code home}. */
  public static Result write(Path home, SyntheticSpec spec) {
    Random random = new Random(spec.seed());
    Ids ids = new Ids(random);
    TextPool text = new TextPool(random);
    GroundTruth truth = new GroundTruth();
    ClaudeCodeSessionWriter claude =
        new ClaudeCodeSessionWriter(random, ids, text, spec.features(), truth);
    CodexRolloutWriter codex = new CodexRolloutWriter(random, ids, text, spec.features(), truth);
    int sessions = 0;
    long claudeBytes = 0;
    while (claudeBytes < spec.claudeBytes()) {
      claudeBytes +=
          claude.writeSession(
              claudeProjects(home),
              project(random),
              start(random, spec),
              spec.turnsPerSession(),
              spec.claudeBytes() - claudeBytes);
      sessions++;
    }
    long codexBytes = 0;
    while (codexBytes < spec.codexBytes()) {
      ClaudeCodeSessionWriter.Project project = project(random);
      codexBytes +=
          codex.writeSession(codexHome(home), project.cwd(), project.branch(), start(random, spec));
      sessions++;
    }
    return new Result(claudeBytes, codexBytes, sessions, truth);
  }

  /**
   * Grows existing logs by about {@code bytes}, as a day of work does: new turns appended to
   * existing Claude Code transcripts (resumed sessions) and new Codex rollouts. Returns what the
   * new bytes hold.
   */
  public static Result append(Path home, long seed, long bytes, Instant at) {
    Random random = new Random(seed);
    Ids ids = new Ids(random);
    TextPool text = new TextPool(random);
    GroundTruth truth = new GroundTruth();
    SyntheticSpec.Features features = SyntheticSpec.Features.sharedWithCcusage();
    ClaudeCodeSessionWriter claude =
        new ClaudeCodeSessionWriter(random, ids, text, features, truth);
    CodexRolloutWriter codex = new CodexRolloutWriter(random, ids, text, features, truth);
    List<Path> transcripts = mainTranscripts(claudeProjects(home));
    Collections.shuffle(transcripts, random);
    long claudeBytes = 0;
    long codexBytes = 0;
    int sessions = 0;
    long claudeShare = Files.isDirectory(codexHome(home)) ? bytes * 9 / 10 : bytes;
    for (int i = 0; i < transcripts.size() && claudeBytes < claudeShare; i++) {
      Path file = transcripts.get(i);
      ClaudeCodeSessionWriter.Project project = firstProject(file);
      String sessionId = file.getFileName().toString().replace(".jsonl", "");
      Instant start = at.plusSeconds(random.nextInt(3_600));
      claudeBytes += claude.appendTurn(claudeProjects(home), file, sessionId, project, start);
      sessions++;
    }
    while (claudeBytes + codexBytes < bytes && Files.isDirectory(codexHome(home))) {
      ClaudeCodeSessionWriter.Project project = project(random);
      codexBytes +=
          codex.writeSession(
              codexHome(home),
              project.cwd(),
              project.branch(),
              at.plusSeconds(random.nextInt(3_600)));
      sessions++;
    }
    return new Result(claudeBytes, codexBytes, sessions, truth);
  }

  private static ClaudeCodeSessionWriter.Project project(Random random) {
    String name = PROJECTS[Math.min(PROJECTS.length - 1, (int) (random.nextExponential() * 3))];
    String branch =
        random.nextInt(10) < 6 ? "main" : "feature/" + name + "-" + (100 + random.nextInt(900));
    return new ClaudeCodeSessionWriter.Project("/home/dev/work/" + name, branch);
  }

  /** A session start: a random day of the spec, mostly between 08:00 and 19:00 UTC. */
  private static Instant start(Random random, SyntheticSpec spec) {
    Instant day = spec.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant();
    int dayIndex = random.nextInt(spec.days());
    long seconds =
        random.nextInt(10) < 8
            ? 8 * 3_600 + random.nextInt(11 * 3_600)
            : random.nextInt(24 * 3_600);
    return day.plus(Duration.ofDays(dayIndex)).plusSeconds(seconds);
  }

  private static List<Path> mainTranscripts(Path projects) {
    if (!Files.isDirectory(projects)) {
      return new ArrayList<>();
    }
    try (Stream<Path> folders = Files.list(projects)) {
      List<Path> files = new ArrayList<>();
      for (Path folder : folders.sorted().toList()) {
        try (Stream<Path> inFolder = Files.list(folder)) {
          inFolder
              .filter(path -> path.getFileName().toString().endsWith(".jsonl"))
              .sorted()
              .forEach(files::add);
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The working directory and branch a transcript's first entry names. */
  private static ClaudeCodeSessionWriter.Project firstProject(Path file) {
    try (JsonParser parser = new JsonFactory().createParser(file.toFile())) {
      String cwd = null;
      String branch = null;
      // Reads entries until one names both.
      while (parser.nextToken() != null && (cwd == null || branch == null)) {
        if (parser.currentToken() == JsonToken.FIELD_NAME
            && parser.getParsingContext().getParent().inRoot()) {
          String field = parser.currentName();
          parser.nextToken();
          if (field.equals("cwd")) {
            cwd = parser.getText();
          } else if (field.equals("gitBranch")) {
            branch = parser.getText();
          } else {
            parser.skipChildren();
          }
        }
      }
      return new ClaudeCodeSessionWriter.Project(
          cwd != null ? cwd : "/home/dev/work/unknown", branch != null ? branch : "main");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
