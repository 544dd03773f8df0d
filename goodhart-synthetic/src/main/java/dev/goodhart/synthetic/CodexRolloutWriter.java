package dev.goodhart.synthetic;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Writes Codex CLI rollouts as Codex does: {@code sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl}
 * with a {@code session_meta} line, {@code turn_context} lines that name the model, response items
 * (reasoning, shell calls and their output) and {@code token_count} events carrying the session's
 * cumulative {@code total_token_usage} and, in current versions, the request's {@code
 * last_token_usage}. Codex's input counts include the cached input.
 */
final class CodexRolloutWriter {
  private static final String[] MODELS = {
    "gpt-5-codex", "gpt-5-codex", "gpt-5.1-codex", "gpt-5.1-codex-mini", "gpt-5.2-codex"
  };
  private static final int CONTEXT_WINDOW = 272_000;

  private final Random random;
  private final Ids ids;
  private final TextPool text;
  private final SyntheticSpec.Features features;
  private final GroundTruth truth;

  CodexRolloutWriter(
      Random random, Ids ids, TextPool text, SyntheticSpec.Features features, GroundTruth truth) {
    this.random = random;
    this.ids = ids;
    this.text = text;
    this.features = features;
    this.truth = truth;
  }

  /** Where a written rollout ended up. */
  enum Placement {
    SESSIONS,
    ARCHIVED,
    BOTH
  }

  private static final class Session {
    final String id;
    final String cwd;
    final boolean totalsOnly;
    String model;
    Instant now;
    long context;
    long totalInput;
    long totalCached;
    long totalOutput;
    long totalReasoning;

    Session(String id, String cwd, String model, Instant now, boolean totalsOnly) {
      this.id = id;
      this.cwd = cwd;
      this.model = model;
      this.now = now;
      this.totalsOnly = totalsOnly;
    }
  }

  /** Writes one rollout under {@code codexHome} and returns its bytes (once, however placed). */
  long writeSession(Path codexHome, String cwd, String branch, Instant start) {
    Session session =
        new Session(
            ids.uuid(),
            cwd,
            MODELS[random.nextInt(MODELS.length)],
            start,
            features.codexTotalsOnly() && random.nextInt(5) == 0);
    String name = "rollout-" + Times.fileName(start) + "-" + session.id + ".jsonl";
    Path file = codexHome.resolve("sessions").resolve(Times.dayFolders(start)).resolve(name);
    long bytes;
    try (JsonLinesFile out = JsonLinesFile.create(file)) {
      sessionMeta(out, session, branch, null, null);
      turnContext(out, session);
      tokenCountWithoutInfo(out, session);
      int turns = 1 + text.logNormal(3, 0.8, 0, 12);
      for (int turn = 0; turn < turns; turn++) {
        turn(out, session);
      }
      bytes = out.bytes();
    }
    place(codexHome, file, name);
    return bytes;
  }

  /** Writes a scripted session as one rollout under {@code sessions/}, named in local time. */
  WrittenSession writeScript(Path codexHome, SessionScript script) {
    Instant start = script.steps().getFirst().at();
    Session session = new Session(ids.uuid(), script.cwd(), script.model(), start, false);
    session.context = script.effort().initialContext();
    String name = "rollout-" + Times.fileName(start, script.zone()) + "-" + session.id + ".jsonl";
    Path file =
        codexHome.resolve("sessions").resolve(Times.dayFolders(start, script.zone())).resolve(name);
    int requests = 0;
    int written = 0;
    int added = 0;
    try (JsonLinesFile out = JsonLinesFile.create(file)) {
      sessionMeta(out, session, script.branch(), script.headCommit(), script.repositoryUrl());
      turnContext(out, session);
      tokenCountWithoutInfo(out, session);
      for (SessionScript.Step step : script.steps()) {
        session.now = step.at();
        if (step instanceof SessionScript.Prompt prompt) {
          responseMessage(out, session, "user", "input_text", prompt.text());
          userMessageEvent(out, session, prompt.text());
          session.context += prompt.text().length() / 4;
          continue;
        }
        reasoning(out, session);
        long output = text.logNormal(script.effort().outputMedian(), 1.0, 5, 12_000);
        long reasoning = Math.min(output, text.logNormal(120, 1.0, 0, 8_000));
        requests++;
        if (!(step instanceof SessionScript.Call call)) {
          String answer = text.slice(text.logNormal(500, 0.9, 10, 8_000));
          responseMessage(out, session, "assistant", "output_text", answer);
          tokenCount(out, session, output, reasoning);
          continue;
        }
        String callId = ids.callId();
        String result;
        switch (call.tool()) {
          case SessionScript.EditFile edit -> {
            customToolCall(
                out, session, callId, EditRendering.codexUpdate(shown(session, edit.path()), edit));
            written += EditRendering.plusLines(edit);
            added += EditRendering.added(edit);
            result =
                "Success. Updated the following files:\nM " + shown(session, edit.path()) + "\n";
          }
          case SessionScript.CreateFile create -> {
            customToolCall(
                out,
                session,
                callId,
                EditRendering.codexAdd(shown(session, create.path()), create.lines()));
            written += create.lines().size();
            added += create.lines().size();
            result =
                "Success. Updated the following files:\nA " + shown(session, create.path()) + "\n";
          }
          case SessionScript.ReadFile read -> {
            functionCall(out, session, callId, "sed -n '1,200p' " + shown(session, read.path()));
            result = filler(script.effort().resultMedian() * 2);
          }
          case SessionScript.Search search -> {
            functionCall(
                out,
                session,
                callId,
                "rg -n \"" + search.pattern() + "\" " + shown(session, search.path()));
            result = filler(script.effort().resultMedian());
          }
          case SessionScript.Command command -> {
            functionCall(out, session, callId, command.command());
            result =
                command.output() != null
                    ? command.output()
                    : filler(script.effort().resultMedian());
          }
        }
        tokenCount(out, session, output, reasoning);
        session.now = session.now.plusMillis(100 + random.nextInt(1_400));
        if (call.tool() instanceof SessionScript.EditFile
            || call.tool() instanceof SessionScript.CreateFile) {
          customToolCallOutput(out, session, callId, result);
        } else {
          functionCallOutput(out, session, callId, result);
        }
        session.context += result.length() / 4;
      }
    }
    return new WrittenSession(session.id, file, requests, written, added);
  }

  /** A path as Codex writes it in a patch or command: relative to the working directory. */
  private static String shown(Session session, String path) {
    Path cwd = Path.of(session.cwd);
    Path file = Path.of(path);
    return file.startsWith(cwd) ? cwd.relativize(file).toString() : path;
  }

  private String filler(int median) {
    return text.slice(text.logNormal(median, 1.0, 10, 120_000));
  }

  private void customToolCall(JsonLinesFile out, Session session, String callId, String input) {
    out.line(
        json -> {
          responseItem(json, session, "custom_tool_call");
          json.writeStringField("status", "completed");
          json.writeStringField("call_id", callId);
          json.writeStringField("name", "apply_patch");
          json.writeStringField("input", input);
          end(json);
        });
  }

  private void place(Path codexHome, Path file, String name) {
    if (!features.codexArchived()) {
      return;
    }
    int draw = random.nextInt(20);
    Placement placement =
        draw < 3 ? Placement.ARCHIVED : draw < 5 ? Placement.BOTH : Placement.SESSIONS;
    if (placement == Placement.SESSIONS) {
      return;
    }
    Path archived = codexHome.resolve("archived_sessions").resolve(name);
    try {
      Files.createDirectories(archived.getParent());
      if (placement == Placement.ARCHIVED) {
        Files.move(file, archived);
      } else {
        Files.copy(file, archived, StandardCopyOption.COPY_ATTRIBUTES);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void turn(JsonLinesFile out, Session session) {
    if (random.nextInt(10) == 0) {
      session.model = MODELS[random.nextInt(MODELS.length)];
      turnContext(out, session);
    }
    String prompt = text.slice(text.logNormal(200, 1.0, 10, 5_000));
    responseMessage(out, session, "user", "input_text", prompt);
    userMessageEvent(out, session, prompt);
    session.context += prompt.length() / 4;
    int requests = 1 + text.logNormal(4, 0.9, 0, 30);
    for (int i = 0; i < requests; i++) {
      boolean last = i == requests - 1;
      session.now = session.now.plusMillis(2_000 + random.nextInt(30_000));
      reasoning(out, session);
      long output = text.logNormal(260, 1.0, 5, 12_000);
      long reasoning = Math.min(output, text.logNormal(120, 1.0, 0, 8_000));
      if (last) {
        String answer = text.slice(text.logNormal(500, 0.9, 10, 8_000));
        responseMessage(out, session, "assistant", "output_text", answer);
        tokenCount(out, session, output, reasoning);
      } else {
        String callId = ids.callId();
        functionCall(out, session, callId, text.slice(text.logNormal(50, 0.5, 5, 400)));
        tokenCount(out, session, output, reasoning);
        session.now = session.now.plusMillis(100 + random.nextInt(6_000));
        String result = text.slice(text.logNormal(1_500, 1.3, 10, 120_000));
        functionCallOutput(out, session, callId, result);
        session.context += result.length() / 4;
      }
    }
  }

  /** Counts one request: the prompt is the whole context, most of it a cache hit. */
  private void tokenCount(JsonLinesFile out, Session session, long output, long reasoning) {
    if (session.context + 8_000 > CONTEXT_WINDOW) {
      session.context = 20_000 + random.nextInt(10_000); // compacted
    }
    long input = session.context + 6_000 + random.nextInt(2_000);
    long cached = random.nextInt(15) == 0 ? 0 : Math.max(0, input - 1_000 - random.nextInt(6_000));
    session.totalInput += input;
    session.totalCached += cached;
    session.totalOutput += output;
    session.totalReasoning += reasoning;
    session.context = input + output;
    truth.add(
        new GroundTruth.Request(
            "codex",
            session.now,
            session.id,
            session.model,
            false,
            Tally.request(input - cached, output, 0, cached, reasoning)));
    boolean repeated = features.codexRepeats() && random.nextInt(7) == 0;
    for (int copy = 0; copy < (repeated ? 2 : 1); copy++) {
      out.line(
          json -> {
            event(json, session, "token_count");
            json.writeObjectFieldStart("info");
            usage(
                json,
                "total_token_usage",
                session.totalInput,
                session.totalCached,
                session.totalOutput,
                session.totalReasoning);
            if (!session.totalsOnly) {
              usage(json, "last_token_usage", input, cached, output, reasoning);
            }
            json.writeNumberField("model_context_window", CONTEXT_WINDOW);
            json.writeEndObject();
            rateLimits(json);
            end(json);
          });
    }
  }

  private static void usage(
      JsonGenerator json, String name, long input, long cached, long output, long reasoning)
      throws IOException {
    json.writeObjectFieldStart(name);
    json.writeNumberField("input_tokens", input);
    json.writeNumberField("cached_input_tokens", cached);
    json.writeNumberField("output_tokens", output);
    json.writeNumberField("reasoning_output_tokens", reasoning);
    json.writeNumberField("total_tokens", input + output);
    json.writeEndObject();
  }

  private void rateLimits(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("rate_limits");
    json.writeObjectFieldStart("primary");
    json.writeNumberField("used_percent", random.nextInt(1000) / 10.0);
    json.writeNumberField("window_minutes", 300);
    json.writeNumberField("resets_in_seconds", random.nextInt(18_000));
    json.writeEndObject();
    json.writeObjectFieldStart("secondary");
    json.writeNumberField("used_percent", random.nextInt(1000) / 10.0);
    json.writeNumberField("window_minutes", 10_080);
    json.writeNumberField("resets_in_seconds", random.nextInt(604_800));
    json.writeEndObject();
    json.writeEndObject();
  }

  /** The first token count of a session carries only rate limits. */
  private void tokenCountWithoutInfo(JsonLinesFile out, Session session) {
    out.line(
        json -> {
          event(json, session, "token_count");
          json.writeNullField("info");
          rateLimits(json);
          end(json);
        });
  }

  private void sessionMeta(
      JsonLinesFile out,
      Session session,
      String branch,
      @Nullable String commitHash,
      @Nullable String repositoryUrl) {
    out.line(
        json -> {
          json.writeStartObject();
          json.writeStringField("timestamp", Times.iso(session.now));
          json.writeStringField("type", "session_meta");
          json.writeObjectFieldStart("payload");
          json.writeStringField("id", session.id);
          json.writeStringField("timestamp", Times.iso(session.now));
          json.writeStringField("cwd", session.cwd);
          json.writeStringField("originator", "codex_cli_rs");
          json.writeStringField("cli_version", "0.63.0");
          json.writeStringField(
              "instructions", text.slice(text.logNormal(2_000, 0.5, 200, 12_000)));
          json.writeStringField("source", "cli");
          json.writeStringField("model_provider", "openai");
          json.writeObjectFieldStart("git");
          json.writeStringField("commit_hash", commitHash != null ? commitHash : ids.hex(40));
          json.writeStringField("branch", branch);
          json.writeStringField(
              "repository_url",
              repositoryUrl != null
                  ? repositoryUrl
                  : "git@github.com:acme/" + Path.of(session.cwd).getFileName() + ".git");
          json.writeEndObject();
          json.writeEndObject();
          json.writeEndObject();
        });
  }

  private void turnContext(JsonLinesFile out, Session session) {
    out.line(
        json -> {
          json.writeStartObject();
          json.writeStringField("timestamp", Times.iso(session.now));
          json.writeStringField("type", "turn_context");
          json.writeObjectFieldStart("payload");
          json.writeStringField("cwd", session.cwd);
          json.writeStringField("approval_policy", "on-request");
          json.writeObjectFieldStart("sandbox_policy");
          json.writeStringField("type", "workspace-write");
          json.writeBooleanField("network_access", false);
          json.writeEndObject();
          json.writeStringField("model", session.model);
          json.writeStringField("effort", random.nextBoolean() ? "medium" : "high");
          json.writeStringField("summary", "auto");
          json.writeEndObject();
          json.writeEndObject();
        });
  }

  private void responseMessage(
      JsonLinesFile out, Session session, String role, String contentType, String body) {
    out.line(
        json -> {
          responseItem(json, session, "message");
          json.writeStringField("role", role);
          json.writeArrayFieldStart("content");
          json.writeStartObject();
          json.writeStringField("type", contentType);
          json.writeStringField("text", body);
          json.writeEndObject();
          json.writeEndArray();
          end(json);
        });
  }

  private void userMessageEvent(JsonLinesFile out, Session session, String prompt) {
    out.line(
        json -> {
          event(json, session, "user_message");
          json.writeStringField("message", prompt);
          json.writeArrayFieldStart("images");
          json.writeEndArray();
          end(json);
        });
  }

  private void reasoning(JsonLinesFile out, Session session) {
    out.line(
        json -> {
          responseItem(json, session, "reasoning");
          json.writeArrayFieldStart("summary");
          json.writeStartObject();
          json.writeStringField("type", "summary_text");
          json.writeStringField("text", text.slice(text.logNormal(200, 0.7, 10, 3_000)));
          json.writeEndObject();
          json.writeEndArray();
          json.writeNullField("content");
          json.writeStringField(
              "encrypted_content", "gAAAAA" + ids.hex(text.logNormal(1_500, 0.6, 100, 12_000)));
          end(json);
        });
  }

  private void functionCall(JsonLinesFile out, Session session, String callId, String command) {
    String arguments =
        JsonLinesFile.toJson(
            json -> {
              json.writeStartObject();
              json.writeArrayFieldStart("command");
              json.writeString("bash");
              json.writeString("-lc");
              json.writeString(command);
              json.writeEndArray();
              json.writeStringField("workdir", session.cwd);
              json.writeNumberField("timeout_ms", 120_000);
              json.writeEndObject();
            });
    out.line(
        json -> {
          responseItem(json, session, "function_call");
          json.writeStringField("name", "shell");
          json.writeStringField("arguments", arguments);
          json.writeStringField("call_id", callId);
          end(json);
        });
  }

  private void functionCallOutput(
      JsonLinesFile out, Session session, String callId, String result) {
    callOutput(out, session, "function_call_output", callId, toolOutput(result, 0.4));
  }

  private void customToolCallOutput(
      JsonLinesFile out, Session session, String callId, String result) {
    callOutput(out, session, "custom_tool_call_output", callId, toolOutput(result, 0.0));
  }

  private void callOutput(
      JsonLinesFile out, Session session, String type, String callId, String output) {
    out.line(
        json -> {
          responseItem(json, session, type);
          json.writeStringField("call_id", callId);
          json.writeStringField("output", output);
          end(json);
        });
  }

  /** A tool's output as Codex records it: JSON in a string, with the exit code. */
  private static String toolOutput(String result, double seconds) {
    return JsonLinesFile.toJson(
        json -> {
          json.writeStartObject();
          json.writeStringField("output", result);
          json.writeObjectFieldStart("metadata");
          json.writeNumberField("exit_code", 0);
          json.writeNumberField("duration_seconds", seconds);
          json.writeEndObject();
          json.writeEndObject();
        });
  }

  private static void responseItem(JsonGenerator json, Session session, String type)
      throws IOException {
    record(json, session, "response_item", type);
  }

  private static void event(JsonGenerator json, Session session, String type) throws IOException {
    record(json, session, "event_msg", type);
  }

  /** Opens a record and its payload; {@link #end} closes both. */
  private static void record(
      JsonGenerator json, Session session, String recordType, String payloadType)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("timestamp", Times.iso(session.now));
    json.writeStringField("type", recordType);
    json.writeObjectFieldStart("payload");
    json.writeStringField("type", payloadType);
  }

  private static void end(JsonGenerator json) throws IOException {
    json.writeEndObject();
    json.writeEndObject();
  }
}
