package dev.goodhart.synthetic;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Writes Claude Code sessions as Claude Code does: one transcript per session under the project's
 * folder, one line per content block of a response (every line of a response carries the same
 * message id, request id and usage), tool results as user lines, sub-agents in {@code
 * <session>/subagents/agent-<id>.jsonl} with {@code isSidechain} set. Context grows request by
 * request from cache reads and writes until it is compacted.
 */
final class ClaudeCodeSessionWriter {
  /** Where a session runs: what Claude Code derives the project folder from. */
  record Project(String cwd, String branch) {
    /** Claude Code's folder name for a working directory: every '/' and '.' becomes '-'. */
    String folder() {
      return cwd.replace('/', '-').replace('.', '-');
    }
  }

  private static final String[] MAIN_MODELS = {
    "claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929",
    "claude-opus-4-5-20251101", "claude-opus-4-6", "claude-sonnet-4-20250514",
    "claude-opus-4-1-20250805", "claude-sonnet-4-6"
  };
  private static final String SUB_AGENT_MODEL = "claude-haiku-4-5-20251001";
  private static final String FAST_MODEL = "claude-opus-4-6";
  private static final String LONG_CONTEXT_MODEL = "claude-sonnet-4-5-20250929";

  /** A model no price table knows (a private deployment's name), to exercise unpriced reports. */
  static final String UNPRICED_MODEL = "acme-internal-coder-v3";

  private static final String VERSION = "2.0.37";

  private final Random random;
  private final Ids ids;
  private final TextPool text;
  private final SyntheticSpec.Features features;
  private final GroundTruth truth;
  private final ClaudeCodeTools tools;
  private int sessions;

  ClaudeCodeSessionWriter(
      Random random, Ids ids, TextPool text, SyntheticSpec.Features features, GroundTruth truth) {
    this.random = random;
    this.ids = ids;
    this.text = text;
    this.features = features;
    this.truth = truth;
    this.tools = new ClaudeCodeTools(text);
  }

  /** One conversation thread: the main one or a sub-agent's. */
  private final class Thread {
    final String sessionId;
    final Project project;
    final String model;
    final boolean sidechain;
    final @Nullable String agentId;
    final boolean oneHourCache;
    final boolean fast;
    final long contextLimit;
    final int outputMedian;
    Instant now;
    long context;
    long pending;
    @Nullable String parentUuid;
    @Nullable Request lastRequest;

    Thread(
        String sessionId,
        Project project,
        String model,
        @Nullable String agentId,
        Instant start,
        long context) {
      this.sessionId = sessionId;
      this.project = project;
      this.model = model;
      this.sidechain = agentId != null;
      this.agentId = agentId;
      this.oneHourCache = features.oneHourCache() && random.nextInt(10) < 3;
      this.fast = features.fastMode() && model.equals(FAST_MODEL) && random.nextInt(10) < 3;
      this.contextLimit =
          features.longContext() && agentId == null && sessions % 12 == 5 ? 480_000 : 185_000;
      this.outputMedian = 220;
      this.now = start;
      // A long-context session has read much of a large code base before its first request here.
      this.context = contextLimit > 200_000 ? context + 170_000 + random.nextInt(30_000) : context;
    }

    /** A scripted session's main thread: its sizes come from the script, not from chance. */
    Thread(
        String sessionId,
        Project project,
        String model,
        Instant start,
        SessionScript.Effort effort) {
      this.sessionId = sessionId;
      this.project = project;
      this.model = model;
      this.sidechain = false;
      this.agentId = null;
      this.oneHourCache = false;
      this.fast = false;
      this.contextLimit = effort.longContext() ? 480_000 : 185_000;
      this.outputMedian = effort.outputMedian();
      this.now = start;
      this.context = effort.initialContext();
    }
  }

  /** A written request, kept so that a sub-agent can replay it. */
  private record Request(
      String messageId,
      String model,
      Instant at,
      long input,
      long output,
      long cache5m,
      long cache1h,
      long cacheRead,
      boolean fast) {}

  /**
   * Writes one session of {@code turns} prompts (0: a few, drawn), stopping early once a session of
   * a set length has written {@code budget} bytes, and returns the bytes written (sub-agent files
   * included).
   */
  long writeSession(Path projects, Project project, Instant start, int turns, long budget) {
    String sessionId = ids.uuid();
    String model = pickMainModel();
    Path file = projects.resolve(project.folder()).resolve(sessionId + ".jsonl");
    Thread main = new Thread(sessionId, project, model, null, start, initialContext());
    long bytes;
    try (JsonLinesFile out = JsonLinesFile.create(file)) {
      if (random.nextInt(4) == 0) {
        summary(out);
      }
      int count = turns > 0 ? turns : 1 + text.logNormal(3, 0.8, 0, 14);
      bytes = 0;
      for (int turn = 0; turn < count && (turns == 0 || bytes + out.bytes() < budget); turn++) {
        bytes += turn(out, main, projects);
      }
      bytes += out.bytes();
    }
    return bytes;
  }

  /** Writes a scripted session as its main transcript (no sub-agents). */
  WrittenSession writeScript(Path projects, SessionScript script) {
    String sessionId = ids.uuid();
    Project project = new Project(script.cwd(), script.branch());
    Path file = projects.resolve(project.folder()).resolve(sessionId + ".jsonl");
    Instant start = script.steps().getFirst().at();
    Thread main = new Thread(sessionId, project, script.model(), start, script.effort());
    int requests = 0;
    int written = 0;
    int added = 0;
    try (JsonLinesFile out = JsonLinesFile.create(file)) {
      for (SessionScript.Step step : script.steps()) {
        main.now = step.at();
        switch (step) {
          case SessionScript.Prompt prompt -> {
            userPrompt(out, main, prompt.text());
            main.pending += prompt.text().length() / 4 + 10;
          }
          case SessionScript.Answer answer -> {
            scriptedRequest(out, main, null, null);
            requests++;
          }
          case SessionScript.Call call -> {
            ClaudeCodeTools.Use use = tools.use(call.tool(), script.effort());
            String toolUseId = ids.toolUseId();
            scriptedRequest(out, main, toolUseId, use);
            main.now = main.now.plusMillis(300 + random.nextInt(1_200));
            toolResult(out, main, toolUseId, use.result(), use.structured());
            main.pending += use.result().length() / 4;
            requests++;
            written += use.linesWritten();
            added += use.linesAdded();
          }
        }
      }
    }
    return new WrittenSession(sessionId, file, requests, written, added);
  }

  /** One scripted request: perhaps some thinking and prose, then the call or the answer. */
  private void scriptedRequest(
      JsonLinesFile out,
      Thread thread,
      @Nullable String toolUseId,
      ClaudeCodeTools.@Nullable Use use) {
    Request request = draw(thread);
    String requestId = ids.requestId();
    if (random.nextInt(10) < 3) {
      assistantLine(out, thread, request, requestId, Block.THINKING, null, null, null);
    }
    if (use == null || random.nextInt(10) < 3) {
      assistantLine(out, thread, request, requestId, Block.TEXT, null, null, null);
    }
    if (use != null) {
      assistantLine(
          out, thread, request, requestId, Block.TOOL_USE, toolUseId, use.name(), use.input());
    }
    count(thread, request);
  }

  /**
   * Appends one turn to an existing transcript of {@code sessionId} and returns the bytes written.
   */
  long appendTurn(Path projects, Path file, String sessionId, Project project, Instant start) {
    Thread main = new Thread(sessionId, project, pickMainModel(), null, start, initialContext());
    try (JsonLinesFile out = JsonLinesFile.append(file)) {
      long bytes = turn(out, main, projects);
      return bytes + out.bytes();
    }
  }

  /**
   * The session's model. The rare cases come at fixed intervals rather than by chance, so that even
   * a small tree has them: every 30th session runs an unpriced model, every 12th a long-context
   * one.
   */
  private String pickMainModel() {
    sessions++;
    if (features.unpricedModel() && sessions % 30 == 7) {
      return UNPRICED_MODEL;
    }
    if (features.longContext() && sessions % 12 == 5) {
      return LONG_CONTEXT_MODEL;
    }
    return MAIN_MODELS[random.nextInt(MAIN_MODELS.length)];
  }

  private long initialContext() {
    return 12_000 + random.nextInt(9_000); // system prompt, tools, CLAUDE.md
  }

  /** A user prompt and the agent's loop of requests; returns bytes of sub-agent files written. */
  private long turn(JsonLinesFile out, Thread thread, Path projects) {
    String prompt = text.slice(text.logNormal(160, 1.0, 8, 6_000));
    userPrompt(out, thread, prompt);
    thread.pending += prompt.length() / 4 + 10;
    int requests = 1 + text.logNormal(5, 0.9, 0, 40);
    long subAgentBytes = 0;
    for (int i = 0; i < requests; i++) {
      boolean last = i == requests - 1;
      thread.now = thread.now.plusMillis(1_500 + random.nextInt(25_000));
      boolean task = !last && !thread.sidechain && features.subAgents() && random.nextInt(12) == 0;
      List<String> toolUses = request(out, thread, last, task ? "Task" : null);
      for (String toolUseId : toolUses) {
        String result;
        if (task) {
          SubAgentRun run = subAgent(projects, thread);
          subAgentBytes += run.bytes;
          result = run.result;
        } else {
          result = text.slice(text.logNormal(50, 1.4, 5, 160_000));
          thread.now = thread.now.plusMillis(200 + random.nextInt(8_000));
        }
        toolResult(out, thread, toolUseId, result);
        thread.pending += result.length() / 4;
      }
    }
    thread.now = thread.now.plusSeconds(30 + random.nextInt(1_200));
    return subAgentBytes;
  }

  private record SubAgentRun(long bytes, String result) {}

  private SubAgentRun subAgent(Path projects, Thread parent) {
    String agentId = ids.hex(8);
    Path file =
        projects
            .resolve(parent.project.folder())
            .resolve(parent.sessionId)
            .resolve("subagents")
            .resolve("agent-" + agentId + ".jsonl");
    String model = random.nextInt(5) < 3 ? SUB_AGENT_MODEL : parent.model;
    Thread agent =
        new Thread(parent.sessionId, parent.project, model, agentId, parent.now, initialContext());
    try (JsonLinesFile out = JsonLinesFile.create(file)) {
      String prompt = text.slice(text.logNormal(400, 0.6, 40, 4_000));
      userPrompt(out, agent, prompt);
      agent.pending += prompt.length() / 4;
      if (features.sidechainReplays() && parent.lastRequest != null && random.nextInt(5) < 2) {
        replay(out, agent, parent.lastRequest);
      }
      int requests = 2 + random.nextInt(14);
      for (int i = 0; i < requests; i++) {
        boolean last = i == requests - 1;
        agent.now = agent.now.plusMillis(800 + random.nextInt(12_000));
        for (String toolUseId : request(out, agent, last, null)) {
          String result = text.slice(text.logNormal(50, 1.2, 5, 60_000));
          toolResult(out, agent, toolUseId, result);
          agent.pending += result.length() / 4;
        }
      }
      parent.now = agent.now.plusMillis(500);
      return new SubAgentRun(out.bytes(), text.slice(text.logNormal(1_200, 0.7, 80, 12_000)));
    }
  }

  /**
   * Writes one API response as its content-block lines and counts it once. Returns the ids of the
   * tool uses it ends with (several when the model calls tools in parallel), none for a final
   * answer.
   */
  private List<String> request(
      JsonLinesFile out, Thread thread, boolean last, @Nullable String toolName) {
    Request request = draw(thread);
    String requestId = ids.requestId();
    int parallel = toolName != null ? 1 : random.nextInt(10) < 8 ? 1 : 2 + random.nextInt(2);
    List<String> toolUses = new ArrayList<>();
    for (int i = 0; !last && i < parallel; i++) {
      toolUses.add(ids.toolUseId());
    }
    boolean thinking = random.nextInt(10) < 3;
    boolean prose = last || random.nextInt(10) < 4;
    if (thinking) {
      assistantLine(out, thread, request, requestId, Block.THINKING, null, null, null);
    }
    if (prose || (!thinking && toolUses.isEmpty())) {
      assistantLine(out, thread, request, requestId, Block.TEXT, null, null, null);
    }
    for (String toolUseId : toolUses) {
      String tool = toolName != null ? toolName : pickTool();
      assistantLine(
          out,
          thread,
          request,
          requestId,
          Block.TOOL_USE,
          toolUseId,
          tool,
          fillerInput(thread, tool));
    }
    count(thread, request);
    return toolUses;
  }

  /**
   * The next request's tokens: the context so far is read from the cache, what was added since the
   * last request is written to it, unless the context is compacted or the cache has expired.
   */
  private Request draw(Thread thread) {
    long cacheRead = thread.context;
    long cacheWrite = thread.pending;
    if (cacheRead + cacheWrite + 200 > thread.contextLimit) {
      // Auto-compact: the conversation is summarised and the cache starts over.
      cacheRead = 0;
      cacheWrite = 15_000 + random.nextInt(20_000);
    } else if (random.nextInt(25) == 0) {
      cacheWrite += cacheRead; // the cache expired: everything is written again
      cacheRead = 0;
    }
    long input = random.nextInt(6) == 0 ? 1 + random.nextInt(3_000) : 1 + random.nextInt(12);
    long output = text.logNormal(thread.outputMedian, 1.1, 1, 16_000);
    long cache1h = thread.oneHourCache ? cacheWrite : 0;
    long cache5m = cacheWrite - cache1h;
    return new Request(
        ids.messageId(),
        thread.model,
        thread.now,
        input,
        output,
        cache5m,
        cache1h,
        cacheRead,
        thread.fast);
  }

  /** Counts a written request once and carries its tokens into the context. */
  private void count(Thread thread, Request request) {
    long cacheWrite = request.cache5m() + request.cache1h();
    truth.add(
        new GroundTruth.Request(
            "claude",
            request.at(),
            thread.sessionId,
            request.model(),
            request.fast(),
            Tally.request(request.input(), request.output(), cacheWrite, request.cacheRead(), 0)));
    thread.lastRequest = request;
    thread.context = request.cacheRead() + cacheWrite + request.output();
    thread.pending = 0;
  }

  /** Inputs of a tool call that nothing reads: filler of about the right size. */
  private JsonLinesFile.JsonWriter fillerInput(Thread thread, String tool) {
    return json -> {
      if ("Edit".equals(tool) || "Write".equals(tool)) {
        json.writeStringField("file_path", thread.project.cwd() + "/src/Module.java");
        json.writeStringField("old_string", text.slice(text.logNormal(200, 0.8, 5, 4_000)));
        json.writeStringField("new_string", text.slice(text.logNormal(400, 0.9, 5, 8_000)));
      } else {
        json.writeStringField("command", text.slice(text.logNormal(60, 0.6, 5, 600)));
        json.writeStringField("description", "Run the check");
      }
    };
  }

  /** A sub-agent's copy of its parent's request, under a new request id: not a new request. */
  private void replay(JsonLinesFile out, Thread agent, Request original) {
    assistantLine(out, agent, original, ids.requestId(), Block.TEXT, null, null, null);
  }

  private String pickTool() {
    return switch (random.nextInt(6)) {
      case 0, 1 -> "Bash";
      case 2 -> "Read";
      case 3 -> "Edit";
      case 4 -> "Grep";
      default -> "Write";
    };
  }

  private enum Block {
    THINKING,
    TEXT,
    TOOL_USE
  }

  private void assistantLine(
      JsonLinesFile out,
      Thread thread,
      Request request,
      String requestId,
      Block block,
      @Nullable String toolUseId,
      @Nullable String tool,
      JsonLinesFile.@Nullable JsonWriter input) {
    String uuid = ids.uuid();
    out.line(
        json -> {
          envelope(json, thread);
          json.writeObjectFieldStart("message");
          json.writeStringField("id", request.messageId());
          json.writeStringField("type", "message");
          json.writeStringField("role", "assistant");
          json.writeStringField("model", request.model());
          json.writeArrayFieldStart("content");
          json.writeStartObject();
          switch (block) {
            case THINKING -> {
              json.writeStringField("type", "thinking");
              json.writeStringField("thinking", text.slice(text.logNormal(100, 0.9, 10, 20_000)));
              json.writeStringField("signature", ids.hex(48));
            }
            case TEXT -> {
              json.writeStringField("type", "text");
              json.writeStringField("text", text.slice(text.logNormal(80, 1.0, 5, 12_000)));
            }
            case TOOL_USE -> {
              json.writeStringField("type", "tool_use");
              json.writeStringField("id", toolUseId);
              json.writeStringField("name", tool);
              json.writeObjectFieldStart("input");
              if (input != null) {
                input.write(json);
              }
              json.writeEndObject();
            }
          }
          json.writeEndObject();
          json.writeEndArray();
          json.writeNullField("stop_reason");
          json.writeNullField("stop_sequence");
          json.writeObjectFieldStart("usage");
          json.writeNumberField("input_tokens", request.input());
          json.writeNumberField(
              "cache_creation_input_tokens", request.cache5m() + request.cache1h());
          json.writeNumberField("cache_read_input_tokens", request.cacheRead());
          json.writeObjectFieldStart("cache_creation");
          json.writeNumberField("ephemeral_5m_input_tokens", request.cache5m());
          json.writeNumberField("ephemeral_1h_input_tokens", request.cache1h());
          json.writeEndObject();
          json.writeNumberField("output_tokens", request.output());
          json.writeStringField("service_tier", "standard");
          if (request.fast()) {
            json.writeStringField("speed", "fast");
          }
          json.writeEndObject();
          json.writeEndObject();
          json.writeStringField("requestId", requestId);
          json.writeStringField("type", "assistant");
          json.writeStringField("uuid", uuid);
          json.writeStringField("timestamp", Times.iso(request.at()));
          json.writeEndObject();
        });
    thread.parentUuid = uuid;
  }

  private void userPrompt(JsonLinesFile out, Thread thread, String prompt) {
    String uuid = ids.uuid();
    out.line(
        json -> {
          envelope(json, thread);
          json.writeStringField("type", "user");
          json.writeObjectFieldStart("message");
          json.writeStringField("role", "user");
          json.writeStringField("content", prompt);
          json.writeEndObject();
          json.writeStringField("uuid", uuid);
          json.writeStringField("timestamp", Times.iso(thread.now));
          json.writeEndObject();
        });
    thread.parentUuid = uuid;
  }

  /**
   * A tool's output, which Claude Code writes twice: in the message and in {@code toolUseResult}.
   */
  private void toolResult(
      JsonLinesFile out, Thread thread, @Nullable String toolUseId, String result) {
    toolResult(out, thread, toolUseId, result, null);
  }

  /**
   * A tool's output with the tool's own {@code toolUseResult} (Bash's shape when {@code structured}
   * is null).
   */
  private void toolResult(
      JsonLinesFile out,
      Thread thread,
      @Nullable String toolUseId,
      String result,
      JsonLinesFile.@Nullable JsonWriter structured) {
    String uuid = ids.uuid();
    out.line(
        json -> {
          envelope(json, thread);
          json.writeStringField("type", "user");
          json.writeObjectFieldStart("message");
          json.writeStringField("role", "user");
          json.writeArrayFieldStart("content");
          json.writeStartObject();
          json.writeStringField("tool_use_id", toolUseId);
          json.writeStringField("type", "tool_result");
          json.writeStringField("content", result);
          json.writeBooleanField("is_error", false);
          json.writeEndObject();
          json.writeEndArray();
          json.writeEndObject();
          json.writeStringField("uuid", uuid);
          json.writeStringField("timestamp", Times.iso(thread.now));
          json.writeObjectFieldStart("toolUseResult");
          if (structured != null) {
            structured.write(json);
          } else {
            json.writeStringField("stdout", result);
            json.writeStringField("stderr", "");
            json.writeBooleanField("interrupted", false);
            json.writeBooleanField("isImage", false);
          }
          json.writeEndObject();
          json.writeEndObject();
        });
    thread.parentUuid = uuid;
  }

  private void summary(JsonLinesFile out) {
    out.line(
        json -> {
          json.writeStartObject();
          json.writeStringField("type", "summary");
          json.writeStringField("summary", text.slice(40));
          json.writeStringField("leafUuid", ids.uuid());
          json.writeEndObject();
        });
  }

  /** The fields every entry starts with, in Claude Code's order. */
  private static void envelope(JsonGenerator json, Thread thread) throws IOException {
    json.writeStartObject();
    if (thread.parentUuid == null) {
      json.writeNullField("parentUuid");
    } else {
      json.writeStringField("parentUuid", thread.parentUuid);
    }
    json.writeBooleanField("isSidechain", thread.sidechain);
    json.writeStringField("userType", "external");
    json.writeStringField("cwd", thread.project.cwd());
    json.writeStringField("sessionId", thread.sessionId);
    json.writeStringField("version", VERSION);
    json.writeStringField("gitBranch", thread.project.branch());
    if (thread.agentId != null) {
      json.writeStringField("agentId", thread.agentId);
    }
  }
}
