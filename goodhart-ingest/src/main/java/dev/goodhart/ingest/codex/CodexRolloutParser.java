package dev.goodhart.ingest.codex;

import dev.goodhart.ingest.AgentWork;
import dev.goodhart.ingest.ApplyPatch.WrittenFile;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.ByteSearch;
import dev.goodhart.ingest.json.IsoTimes;
import dev.goodhart.ingest.json.JsonScanner;
import dev.goodhart.ingest.json.LineProbe;
import dev.goodhart.ingest.json.ParserState;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.WrittenPaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a rollout line by line, carrying the session, working directory, branch and model from
 * earlier lines and the session's running token total. A {@code token_count} event counts its
 * {@code last_token_usage}, else the growth of {@code total_token_usage}; an event whose total did
 * not grow repeats the previous one and counts nothing. The key of an event is its session and
 * running total, so the same event in {@code sessions/} and {@code archived_sessions/}, or replayed
 * into a forked session after its parent's {@code session_meta}, is stored once.
 */
final class CodexRolloutParser implements RecordParser {
  static final String SOURCE = "codex";
  private static final Pattern ROLLOUT_ID =
      Pattern.compile(
          "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$");

  private static final String USER_MESSAGE = "user_message";

  /** An applied patch, in rollouts that keep the full history. */
  private static final String PATCH_APPLY_END = "patch_apply_end";

  private static final int MAX_TEXT = CodexPatches.MAX_TEXT;

  /**
   * Tool calls whose patch was read and whose {@code patch_apply_end} has not come yet: it repeats
   * the patch. The event follows its call within the turn, so the last few calls are enough; they
   * are part of the state, so that an import resumed between a call and its event reads on alike.
   */
  private static final int PENDING_PATCHES = 16;

  private final Deque<String> patchedCalls = new ArrayDeque<>();

  private final LogFile file;
  private final JsonScanner json = new JsonScanner();
  private String sessionId;
  private @Nullable String cwd;
  private @Nullable String branch;
  private @Nullable String repositoryUrl;
  private @Nullable String model;
  private @Nullable String provider;
  private @Nullable CodexTokenUsage runningTotal;

  CodexRolloutParser(LogFile file, String state) {
    this.file = file;
    Matcher id = ROLLOUT_ID.matcher(file.stem());
    this.sessionId = id.find() ? id.group(1) : file.stem();
    Map<String, String> saved = ParserState.decode(state);
    this.sessionId = saved.getOrDefault("session", sessionId);
    this.cwd = saved.get("cwd");
    this.branch = saved.get("branch");
    this.repositoryUrl = saved.get("remote");
    this.model = saved.get("model");
    this.provider = saved.get("provider");
    String patched = saved.get("patched");
    if (patched != null) {
      for (String call : patched.split("\n")) {
        if (!call.isEmpty() && patchedCalls.size() < PENDING_PATCHES) {
          patchedCalls.addLast(call);
        }
      }
    }
    String total = saved.get("total");
    try {
      this.runningTotal = total == null ? null : CodexTokenUsage.parseSignature(total);
    } catch (IllegalArgumentException e) {
      this.runningTotal = null; // damaged state: the next cumulative total starts a new baseline
    }
  }

  @Override
  public String state() {
    Map<String, String> state = new LinkedHashMap<>();
    state.put("session", sessionId);
    putIfPresent(state, "cwd", cwd);
    putIfPresent(state, "branch", branch);
    putIfPresent(state, "remote", repositoryUrl);
    putIfPresent(state, "model", model);
    putIfPresent(state, "provider", provider);
    if (runningTotal != null) {
      state.put("total", runningTotal.signature());
    }
    if (!patchedCalls.isEmpty()) {
      state.put("patched", String.join("\n", patchedCalls));
    }
    return ParserState.encode(state);
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    Line line = new Line();
    json.reset(bytes, offset, length).beginObject();
    if (!readLine(json, line)) {
      // Messages, reasoning and other events: most of the bytes, nothing goodhart keeps.
      LineProbe.requireObjectFraming(bytes, offset, length);
      return;
    }
    json.endOfRecord();
    if (line.type == null) {
      return;
    }
    switch (line.type) {
      case "session_meta" -> {
        if (line.id != null) {
          sessionId = line.id;
        }
        cwd = line.cwd != null ? line.cwd : cwd;
        branch = line.branch != null ? line.branch : branch;
        repositoryUrl = line.repositoryUrl != null ? line.repositoryUrl : repositoryUrl;
        provider = line.provider != null ? line.provider : provider;
      }
      case "turn_context" -> {
        model = line.model != null ? line.model : model;
        cwd = line.cwd != null ? line.cwd : cwd;
      }
      case "event_msg" -> {
        if ("token_count".equals(line.payloadType) && line.hasInfo) {
          countTokens(line, sink);
        } else if (PATCH_APPLY_END.equals(line.payloadType)) {
          signalAppliedPatch(line, sink);
        } else if (USER_MESSAGE.equals(line.payloadType) && line.text != null) {
          SessionSignal.Context at = context(line);
          if (at != null && !line.text.isBlank()) {
            sink.signal(
                SessionSignal.prompt(
                    at,
                    "p:" + line.timestamp + ":" + SessionSignal.promptHash(line.text),
                    line.text));
          }
        }
      }
      case "response_item" -> signalWork(line, sink);
      default -> {}
    }
  }

  /**
   * The files a {@code patch_apply_end} event says a successful patch wrote, unless its tool call
   * already gave them. Keyed as the call's files are, so that a call and its event read by two
   * imports are still stored once.
   */
  private void signalAppliedPatch(Line line, RecordSink sink) throws BadRecordException {
    String call = line.callId != null ? line.callId : line.timestamp;
    boolean shown = patchedCalls.remove(call);
    SessionSignal.Context at = context(line);
    if (at != null && line.success && !shown) {
      CodexPatches.signal(at, call, cwd, line.changes, sink);
    }
  }

  /** The commits a tool call's output printed, and the lines a patch wrote. */
  private void signalWork(Line line, RecordSink sink) throws BadRecordException {
    SessionSignal.Context at = context(line);
    if (at == null || line.payloadType == null) {
      return;
    }
    String call = line.callId != null ? line.callId : line.timestamp;
    switch (line.payloadType) {
      case "function_call_output", "custom_tool_call_output" -> {
        for (AgentWork.PrintedCommit commit : AgentWork.commits(toolOutput(line.text))) {
          sink.signal(
              SessionSignal.commit(
                  at, "c:" + call + ":" + commit.sha(), commit.sha(), commit.branch()));
        }
      }
      case "custom_tool_call", "function_call", "local_shell_call" -> {
        CodexPatches.PatchCall patch =
            line.shellPatch != null ? line.shellPatch : CodexPatches.patchCall(line.text);
        if (patch == null) {
          return;
        }
        List<WrittenFile> files = CodexPatches.written(patch);
        if (!files.isEmpty()) {
          String folder = patch.folder() == null ? cwd : WrittenPaths.resolve(cwd, patch.folder());
          CodexPatches.signal(at, call, folder, files, sink);
          // Kept in the state, one a line: an id that cannot be written there is not kept.
          if (!call.isEmpty() && call.indexOf('\n') < 0 && !patchedCalls.contains(call)) {
            if (patchedCalls.size() == PENDING_PATCHES) {
              patchedCalls.removeFirst();
            }
            patchedCalls.addLast(call);
          }
        }
      }
      default -> {}
    }
  }

  private SessionSignal.@Nullable Context context(Line line) throws BadRecordException {
    if (line.timestamp == null) {
      return null;
    }
    return new SessionSignal.Context(
        SOURCE,
        sessionId,
        file.machineId(),
        IsoTimes.parse(line.timestamp, "timestamp"),
        cwd,
        branch,
        repositoryUrl);
  }

  /**
   * A shell call's output comes as JSON text ({@code {"output": ..., "metadata": ...}}) in newer
   * Codex versions and as plain text in older ones.
   */
  private static @Nullable String toolOutput(@Nullable String output) {
    if (output == null || !output.startsWith("{")) {
      return output;
    }
    String inner = innerField(output, "output");
    return inner != null ? inner : output;
  }

  /**
   * A string field of a JSON document held in a string; null when the text is no JSON object or
   * lacks the field.
   */
  private static @Nullable String innerField(String document, String name) {
    byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
    JsonScanner inner = new JsonScanner().reset(bytes, 0, bytes.length);
    try {
      inner.beginObject();
      while (inner.nextField()) {
        if (inner.field().equals(name) && inner.atString()) {
          return inner.text(name);
        }
        inner.skipValue();
      }
    } catch (BadRecordException e) {
      return null; // text that only looked like JSON: read as it is
    }
    return null;
  }

  private void countTokens(Line line, RecordSink sink) throws BadRecordException {
    CodexTokenUsage used;
    String key;
    if (line.total != null) {
      if (line.total.equals(runningTotal)) {
        return; // the same event written again
      }
      CodexTokenUsage growth = runningTotal == null ? line.total : line.total.minus(runningTotal);
      // A total that went backwards restarted the counter: it is all new usage.
      used = line.last != null ? line.last : growth != null ? growth : line.total;
      runningTotal = line.total;
      key = sessionId + "|t:" + line.total.signature();
    } else if (line.last != null) {
      used = line.last;
      runningTotal = (runningTotal == null ? CodexTokenUsage.ZERO : runningTotal).plus(line.last);
      key = sessionId + "|at:" + line.timestamp + "|l:" + line.last.signature();
    } else {
      return;
    }
    if (used.isZero()) {
      return;
    }
    if (line.timestamp == null) {
      throw new BadRecordException("a token_count event has no 'timestamp'");
    }
    String eventModel = line.infoModel != null ? line.infoModel : model;
    sink.accept(
        new UsageEvent(
            SOURCE,
            key,
            null,
            false,
            IsoTimes.parse(line.timestamp, "timestamp"),
            sessionId,
            cwd,
            cwd,
            branch,
            file.machineId(),
            provider != null ? provider : "openai",
            eventModel != null ? eventModel : "unknown",
            false,
            used.toTokenCounts(),
            null));
  }

  /**
   * Reads the fields of a line; stops and returns false as soon as its types show it is a record
   * the parser does not use. Codex writes {@code type} before {@code payload}, and an event's
   * {@code payload.type} first in the payload, so the large records are never scanned.
   */
  private static boolean readLine(JsonScanner json, Line line) throws BadRecordException {
    while (json.nextField()) {
      String field = json.field();
      switch (field) {
        case "timestamp" -> line.timestamp = json.text(field);
        case "type" -> {
          line.type = json.repeatedText(field);
          if (line.type != null && !isRead(line.type)) {
            return false;
          }
        }
        case "payload" -> {
          if (json.object(field) && !readPayload(json, line)) {
            return false;
          }
        }
        default -> json.skipValue();
      }
    }
    return true;
  }

  private static boolean isRead(String type) {
    return type.equals("session_meta")
        || type.equals("turn_context")
        || type.equals("event_msg")
        || type.equals("response_item");
  }

  /** The response items that show work: tool calls and their outputs. */
  private static boolean isWork(@Nullable String payloadType) {
    return payloadType != null
        && (payloadType.equals("function_call")
            || payloadType.equals("function_call_output")
            || payloadType.equals("custom_tool_call")
            || payloadType.equals("custom_tool_call_output")
            || payloadType.equals("local_shell_call"));
  }

  private static boolean readPayload(JsonScanner json, Line line) throws BadRecordException {
    while (json.nextField()) {
      switch (json.field()) {
        case "type" -> {
          line.payloadType = json.repeatedText("payload.type");
          if ("event_msg".equals(line.type)
              && !"token_count".equals(line.payloadType)
              && !USER_MESSAGE.equals(line.payloadType)
              && !PATCH_APPLY_END.equals(line.payloadType)) {
            return false;
          }
          if ("response_item".equals(line.type) && !isWork(line.payloadType)) {
            return false; // messages and reasoning: the bulk of a rollout
          }
        }
        case "message" -> line.text = readText(json, "payload.message");
        case "output" ->
            line.text =
                json.atString()
                    ? json.textIf("payload.output", MAX_TEXT, AgentWork::mayPrintCommit)
                    : readText(json, "payload.output");
        case "input" -> line.text = readPatch(json, "payload.input");
        case "arguments" -> line.text = readPatch(json, "payload.arguments");
        case "call_id" -> line.callId = json.text("payload.call_id");
        case "success", "changes" -> readAppliedPatch(json, line);
        case "action" -> line.shellPatch = CodexPatches.readShellAction(json, line.payloadType);
        case "id" -> line.id = json.text("payload.id");
        case "cwd" -> line.cwd = json.text("payload.cwd");
        case "model" -> line.model = json.text("payload.model");
        case "model_provider" -> line.provider = json.text("payload.model_provider");
        case "git" -> {
          if (json.object("payload.git")) {
            readGit(json, line);
          }
        }
        case "info" -> {
          if (json.object("payload.info")) {
            line.hasInfo = true;
            readInfo(json, line);
          }
        }
        default -> json.skipValue();
      }
    }
    return true;
  }

  /** The fields of a {@code patch_apply_end} event; in any other payload they are passed over. */
  private static void readAppliedPatch(JsonScanner json, Line line) throws BadRecordException {
    if (!PATCH_APPLY_END.equals(line.payloadType)) {
      json.skipValue();
    } else if (json.field().equals("success")) {
      line.success = json.bool("payload.success");
    } else {
      line.changes = CodexPatches.readChanges(json);
    }
  }

  private static void readGit(JsonScanner json, Line line) throws BadRecordException {
    while (json.nextField()) {
      switch (json.field()) {
        case "branch" -> line.branch = json.text("payload.git.branch");
        case "repository_url" -> line.repositoryUrl = json.text("payload.git.repository_url");
        default -> json.skipValue();
      }
    }
  }

  private static void readInfo(JsonScanner json, Line line) throws BadRecordException {
    while (json.nextField()) {
      switch (json.field()) {
        case "total_token_usage" -> line.total = readUsage(json, "payload.info.total_token_usage");
        case "last_token_usage" -> line.last = readUsage(json, "payload.info.last_token_usage");
        case "model" -> line.infoModel = json.text("payload.info.model");
        default -> json.skipValue();
      }
    }
  }

  private static @Nullable CodexTokenUsage readUsage(JsonScanner json, String path)
      throws BadRecordException {
    if (!json.object(path)) {
      return null;
    }
    long input = 0;
    long cached = 0;
    long cacheWrite = 0;
    long output = 0;
    long reasoning = 0;
    while (json.nextField()) {
      switch (json.field()) {
        case "input_tokens" -> input = json.count(path + ".input_tokens");
        case "cached_input_tokens" -> cached = json.count(path + ".cached_input_tokens");
        case "cache_write_input_tokens" ->
            cacheWrite = json.count(path + ".cache_write_input_tokens");
        case "output_tokens" -> output = json.count(path + ".output_tokens");
        case "reasoning_output_tokens" -> reasoning = json.count(path + ".reasoning_output_tokens");
        default -> json.skipValue();
      }
    }
    return new CodexTokenUsage(input, cached, cacheWrite, output, reasoning);
  }

  private static final byte[] BEGIN_PATCH =
      CodexPatches.BEGIN_PATCH.getBytes(StandardCharsets.US_ASCII);

  /** A tool call's input or arguments, decoded only when they hold a patch. */
  private static @Nullable String readPatch(JsonScanner json, String name)
      throws BadRecordException {
    if (!json.atString()) {
      json.skipValue();
      return null;
    }
    return json.textIf(
        name, MAX_TEXT, (bytes, from, to) -> ByteSearch.indexOf(bytes, from, to, BEGIN_PATCH) >= 0);
  }

  /** A string field of a payload (short enough to be a command's output or a patch), else null. */
  private static @Nullable String readText(JsonScanner json, String name)
      throws BadRecordException {
    if (!json.atString()) {
      json.skipValue();
      return null;
    }
    return json.shortText(name, MAX_TEXT);
  }

  private static void putIfPresent(Map<String, String> map, String key, @Nullable String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static final class Line {
    @Nullable String timestamp;
    @Nullable String type;
    @Nullable String payloadType;
    @Nullable String id;
    @Nullable String cwd;
    @Nullable String branch;
    @Nullable String repositoryUrl;
    @Nullable String text;
    @Nullable String callId;
    @Nullable String model;
    @Nullable String provider;
    @Nullable String infoModel;
    boolean hasInfo;
    boolean success;
    List<WrittenFile> changes = List.of();
    CodexPatches.@Nullable PatchCall shellPatch;
    @Nullable CodexTokenUsage total;
    @Nullable CodexTokenUsage last;
  }
}
