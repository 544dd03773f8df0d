package dev.goodhart.synthetic.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A session log read the way goodhart's readers are to read it, in the shapes the brief fixes:
 * prompts, edits (Claude Code's Edit, MultiEdit and Write; Codex's apply_patch) and the output of
 * {@code git commit} tied to its call. Written apart from the writers, so that a test of one
 * against the other checks both.
 */
final class SessionLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern COMMIT_OUTPUT =
      Pattern.compile("^\\[(\\S+) ([0-9a-f]{7,40})\\] (.*)");

  /** Something the session did, in log order. */
  sealed interface Event permits Edit, Create, Patch, Committed {}

  /** Claude Code replacements in one file, in the order they apply. */
  record Edit(String path, List<String[]> replacements) implements Event {}

  record Create(String path, String content) implements Event {}

  /** A Codex patch, its paths relative to {@code cwd}. */
  record Patch(String text, String cwd) implements Event {}

  /** A commit the session's own tool output shows. */
  record Committed(String branch, String shortSha, String subject, String command, Instant at)
      implements Event {}

  final String source;
  final List<String> prompts = new ArrayList<>();
  final List<Event> events = new ArrayList<>();
  final List<Instant> times = new ArrayList<>();
  final Set<String> requests = new LinkedHashSet<>();
  final Set<String> cwds = new LinkedHashSet<>();
  final Set<String> branches = new LinkedHashSet<>();
  String repositoryUrl = "";

  private SessionLog(String source) {
    this.source = source;
  }

  static SessionLog read(Path file, String source) {
    SessionLog log = new SessionLog(source);
    Map<String, String> commands = new HashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        JsonNode entry = JSON.readTree(line);
        Instant at = Instant.parse(entry.path("timestamp").asText());
        log.times.add(at);
        if (source.equals("claude")) {
          log.claude(entry, at, commands);
        } else {
          log.codex(entry, at, commands);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return log;
  }

  private void claude(JsonNode entry, Instant at, Map<String, String> commands) {
    cwds.add(entry.path("cwd").asText());
    branches.add(entry.path("gitBranch").asText());
    JsonNode content = entry.path("message").path("content");
    String type = entry.path("type").asText();
    if (type.equals("user") && content.isTextual()) {
      prompts.add(content.asText());
      return;
    }
    if (type.equals("assistant")) {
      requests.add(entry.path("message").path("id").asText() + entry.path("requestId").asText());
    }
    for (JsonNode block : content) {
      if (block.path("type").asText().equals("tool_use")) {
        JsonNode input = block.path("input");
        String path = input.path("file_path").asText();
        switch (block.path("name").asText()) {
          case "Edit" ->
              events.add(
                  new Edit(
                      path,
                      List.<String[]>of(
                          new String[] {
                            input.path("old_string").asText(), input.path("new_string").asText()
                          })));
          case "MultiEdit" -> {
            List<String[]> replacements = new ArrayList<>();
            for (JsonNode edit : input.path("edits")) {
              replacements.add(
                  new String[] {
                    edit.path("old_string").asText(), edit.path("new_string").asText()
                  });
            }
            events.add(new Edit(path, replacements));
          }
          case "Write" -> events.add(new Create(path, input.path("content").asText()));
          case "Bash" -> commands.put(block.path("id").asText(), input.path("command").asText());
          default -> {}
        }
      } else if (block.path("type").asText().equals("tool_result")) {
        String command = commands.get(block.path("tool_use_id").asText());
        String output = block.path("content").asText();
        if (command != null
            && !output.equals(entry.path("toolUseResult").path("stdout").asText())) {
          throw new AssertionError("a Bash result and its toolUseResult.stdout differ");
        }
        committed(command, output, at);
      }
    }
  }

  private void codex(JsonNode entry, Instant at, Map<String, String> commands) throws IOException {
    JsonNode payload = entry.path("payload");
    switch (entry.path("type").asText() + "/" + payload.path("type").asText()) {
      case "session_meta/" -> {
        cwds.add(payload.path("cwd").asText());
        branches.add(payload.path("git").path("branch").asText());
        repositoryUrl = payload.path("git").path("repository_url").asText();
      }
      case "event_msg/user_message" -> prompts.add(payload.path("message").asText());
      case "event_msg/token_count" -> {
        if (!payload.path("info").isNull()) {
          requests.add(payload.path("info").path("total_token_usage").toString());
        }
      }
      case "response_item/custom_tool_call" -> {
        if (payload.path("name").asText().equals("apply_patch")) {
          events.add(new Patch(payload.path("input").asText(), cwds.iterator().next()));
        }
      }
      case "response_item/function_call" -> {
        JsonNode arguments = JSON.readTree(payload.path("arguments").asText());
        JsonNode command = arguments.path("command");
        commands.put(payload.path("call_id").asText(), command.get(command.size() - 1).asText());
      }
      case "response_item/function_call_output" -> {
        JsonNode output = JSON.readTree(payload.path("output").asText());
        committed(
            commands.get(payload.path("call_id").asText()), output.path("output").asText(), at);
      }
      default -> {}
    }
  }

  private void committed(String command, String output, Instant at) {
    if (command == null || !command.startsWith("git commit")) {
      return;
    }
    Matcher matcher = COMMIT_OUTPUT.matcher(output);
    if (!matcher.find()) {
      throw new AssertionError("git commit printed '" + output + "'");
    }
    events.add(new Committed(matcher.group(1), matcher.group(2), matcher.group(3), command, at));
  }

  List<Committed> commits() {
    return events.stream().filter(Committed.class::isInstance).map(Committed.class::cast).toList();
  }
}
