package dev.goodhart.ingest.claudecode;

import dev.goodhart.ingest.AgentWork;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.IsoTimes;
import dev.goodhart.ingest.json.JsonScanner;
import dev.goodhart.ingest.json.LineProbe;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads one transcript line into a usage event when the line is an API response ({@code
 * "type":"assistant"}) with {@code message.usage}. Lines are independent, so the parser keeps no
 * state. Keys: {@code message.id} + {@code requestId}, grouped by {@code message.id} so that a
 * sidechain replay under a new request id is recognised as the same request; a line without a
 * message id keys on its own place in the file and is never merged.
 */
final class ClaudeCodeTranscriptParser implements RecordParser {
  static final String SOURCE = "claude";

  /** The entry type of API responses, the only entries that carry usage. */
  private static final String ASSISTANT = "assistant";

  /** The entry type of prompts and tool results, which link the session to what it did. */
  private static final String USER = "user";

  /**
   * Claude Code writes this model on messages it made up itself (errors, interruptions): no API
   * call, no tokens.
   */
  private static final String SYNTHETIC_MODEL = "<synthetic>";

  private static final int MAX_PROMPT_BYTES = 1 << 20;

  private final LogFile file;
  private final JsonScanner json = new JsonScanner();

  ClaudeCodeTranscriptParser(LogFile file) {
    this.file = file;
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    Line line = new Line();
    json.reset(bytes, offset, length).beginObject();
    if (!readLine(json, line)) {
      // A summary, snapshot or progress entry: nothing of usage or of what the session did.
      LineProbe.requireObjectFraming(bytes, offset, length);
      return;
    }
    if (line.stopped) {
      LineProbe.requireObjectFraming(bytes, offset, length);
    } else {
      json.endOfRecord();
    }
    if (line.hasSignals()) {
      emitSignals(line, lineNumber, sink);
    }
    // A user entry carries no API usage, whatever its message or tool result quotes.
    if (line.usage == null || USER.equals(line.type) || SYNTHETIC_MODEL.equals(line.model)) {
      return;
    }
    if (line.timestamp == null) {
      throw new BadRecordException("a line with 'message.usage' has no 'timestamp'");
    }
    String key =
        line.messageId != null
            ? "m:" + line.messageId + "|r:" + (line.requestId == null ? "" : line.requestId)
            : "l:" + file.relativeName() + ":" + lineNumber;
    sink.accept(
        new UsageEvent(
            SOURCE,
            key,
            line.messageId,
            line.sidechain,
            IsoTimes.parse(line.timestamp, "timestamp"),
            line.sessionId != null ? line.sessionId : file.stem(),
            file.project(),
            line.cwd,
            line.gitBranch,
            file.machineId(),
            "anthropic",
            line.model != null ? line.model : "unknown",
            "fast".equals(line.usage.speed),
            line.usage.tokens(),
            line.costUsd));
  }

  /**
   * The commits, edits and prompt of a line. A prompt is a user line's own text: not a sub-agent's
   * task (sidechain), not what Claude Code itself writes as the user (meta lines, slash commands
   * and their output).
   */
  private void emitSignals(Line line, long lineNumber, RecordSink sink) throws BadRecordException {
    if (line.timestamp == null) {
      return; // nothing to place it in time; such lines carry no usage either
    }
    SessionSignal.Context at =
        new SessionSignal.Context(
            SOURCE,
            line.sessionId != null ? line.sessionId : file.stem(),
            file.machineId(),
            IsoTimes.parse(line.timestamp, "timestamp"),
            line.cwd,
            line.gitBranch,
            null);
    String place = file.relativeName() + ":" + lineNumber;
    if (USER.equals(line.type)) {
      for (ToolResult result : line.results) {
        for (AgentWork.PrintedCommit commit : AgentWork.commits(result.output)) {
          sink.signal(
              SessionSignal.commit(
                  at, "c:" + result.toolUseId + ":" + commit.sha(), commit.sha(), commit.branch()));
        }
      }
      if (line.prompt != null && !line.sidechain && !line.meta && isTypedPrompt(line.prompt)) {
        sink.signal(
            SessionSignal.prompt(at, "p:" + (line.uuid != null ? line.uuid : place), line.prompt));
      }
    } else if (ASSISTANT.equals(line.type)) {
      int index = 0;
      for (ToolUse edit : line.edits) {
        // A tool call without an id (never seen, but the field is optional) keys on its place.
        String key = "e:" + (edit.id != null ? edit.id : place + "#" + index);
        sink.signal(SessionSignal.edit(at, key, edit.filePath, edit.written));
        index++;
      }
    }
  }

  /** Claude Code writes slash commands, their output and its own notices as user text. */
  private static boolean isTypedPrompt(String text) {
    String start = text.stripLeading();
    return !start.isEmpty()
        && !start.startsWith("<command-")
        && !start.startsWith("<local-command-")
        && !start.startsWith("Caveat:")
        && !start.startsWith("[Request interrupted");
  }

  /**
   * Reads the fields of a line; stops and returns false as soon as its {@code type} shows that it
   * is neither an API response nor a user entry. Claude Code writes {@code type} before the message
   * on every other entry, so their content is never scanned; a user entry's tool results are read
   * only when short enough to be a command's output (a file's content is passed over).
   */
  private static boolean readLine(JsonScanner json, Line line) throws BadRecordException {
    while (json.nextField()) {
      String field = json.field();
      switch (field) {
        case "type" -> {
          line.type = json.repeatedText(field);
          if (line.type != null && !line.type.equals(ASSISTANT) && !line.type.equals(USER)) {
            return false;
          }
        }
        case "uuid" -> line.uuid = json.text(field);
        case "isMeta" -> line.meta = json.bool(field);
        case "timestamp" -> line.timestamp = json.text(field);
        case "sessionId" -> line.sessionId = json.repeatedText(field);
        case "cwd" -> line.cwd = json.repeatedText(field);
        case "gitBranch" -> line.gitBranch = json.repeatedText(field);
        case "isSidechain" -> line.sidechain = json.bool(field);
        case "requestId" -> line.requestId = json.text(field);
        case "costUSD" -> line.costUsd = json.money(field);
        case "message" -> {
          if (json.object(field)) {
            readMessage(json, line);
          }
          if (line.stopped) {
            return true;
          }
          line.messageRead = true;
        }
        case "toolUseResult" -> {
          // The tool's raw result (a file read, a command's whole output) after the message: the
          // bulk of a transcript, and nothing the message did not already say.
          if (USER.equals(line.type) && line.messageRead && line.timestamp != null) {
            line.stopped = true;
            return true;
          }
          json.skipValue();
        }
        default -> json.skipValue();
      }
    }
    return true;
  }

  private static void readMessage(JsonScanner json, Line line) throws BadRecordException {
    while (json.nextField()) {
      switch (json.field()) {
        case "id" -> line.messageId = json.text("message.id");
        case "model" -> line.model = json.repeatedText("message.model");
        case "role" -> line.role = json.repeatedText("message.role");
        case "content" -> {
          readContent(json, line);
          if (line.stopped) {
            return;
          }
        }
        case "usage" -> {
          if (json.object("message.usage")) {
            line.usage = readUsage(json);
          }
        }
        default -> json.skipValue();
      }
    }
  }

  /**
   * A message's content: a user's text as a string, or blocks: text, tool calls (an assistant's)
   * and tool results (a user entry's). The line's type may come after its message, so every kind is
   * kept and {@link #emitSignals} picks by type.
   */
  private static void readContent(JsonScanner json, Line line) throws BadRecordException {
    if (json.atString()) {
      // A prompt longer than this is pasted material; it is counted as no prompt, never decoded.
      line.prompt = json.shortText("message.content", MAX_PROMPT_BYTES);
      return;
    }
    if (!json.atArray()) {
      json.skipValue();
      return;
    }
    if (ASSISTANT.equals(line.role)) {
      if (!json.restContains(TOOL_USE)) {
        json.skipValue(); // an answer with no tool call; the usage after it is still to read
        return;
      }
    } else if (json.restContains(TOOL_RESULT) && !json.restMatches(AgentWork::mayPrintCommit)) {
      // Tool results that print no commit, most of a transcript's bytes: the rest of the line
      // holds nothing goodhart keeps.
      line.stopped = true;
      return;
    }
    json.array("message.content");
    StringBuilder text = null;
    boolean results = false;
    while (json.nextElement()) {
      if (!json.object("message.content[]")) {
        continue;
      }
      // An assistant's text is its answer, no prompt: not decoded (its role precedes its content).
      Block block = readBlock(json, !ASSISTANT.equals(line.role));
      switch (block.type == null ? "" : block.type) {
        case "text" -> {
          if (block.text != null) {
            text =
                text == null ? new StringBuilder(block.text) : text.append('\n').append(block.text);
          }
        }
        case "tool_use" -> {
          if (block.tool.written.length > 0) {
            line.edits.add(block.tool);
          }
        }
        case "tool_result" -> {
          results = true;
          if (block.text != null && block.toolUseId != null) {
            line.results.add(new ToolResult(block.toolUseId, block.text));
          }
        }
        default -> {
          // images, thinking, documents: nothing to link
        }
      }
    }
    if (text != null && !results) {
      line.prompt = text.toString();
    }
  }

  private static final byte[] TOOL_USE = "\"tool_use\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TOOL_RESULT = "\"tool_result\"".getBytes(StandardCharsets.US_ASCII);

  /** One content block, whatever its type: the fields of each are distinct. */
  private static Block readBlock(JsonScanner json, boolean readText) throws BadRecordException {
    Block block = new Block();
    while (json.nextField()) {
      switch (json.field()) {
        case "type" -> block.type = json.repeatedText("message.content[].type");
        case "text" ->
            block.text =
                readText ? json.shortText("message.content[].text", MAX_PROMPT_BYTES) : skip(json);
        case "id" -> block.tool.id = json.text("message.content[].id");
        case "name" -> block.tool.name = json.repeatedText("message.content[].name");
        case "input" -> {
          if (json.object("message.content[].input")) {
            readToolInput(json, block.tool);
          }
        }
        case "tool_use_id" -> block.toolUseId = json.text("message.content[].tool_use_id");
        case "content" -> block.text = toolOutput(json);
        default -> json.skipValue();
      }
    }
    return block;
  }

  /** A tool result's content: a string, or text blocks; long output is no commit report. */
  private static @Nullable String toolOutput(JsonScanner json) throws BadRecordException {
    String name = "message.content[].content";
    if (!json.atArray()) {
      return json.atString()
          ? json.textIf(name, AgentWork.MAX_COMMIT_OUTPUT, AgentWork::mayPrintCommit)
          : skip(json);
    }
    json.array(name);
    StringBuilder output = new StringBuilder();
    while (json.nextElement()) {
      if (!json.object(name + "[]")) {
        continue;
      }
      while (json.nextField()) {
        if (json.field().equals("text")) {
          String text =
              json.atString()
                  ? json.textIf(
                      name + "[].text", AgentWork.MAX_COMMIT_OUTPUT, AgentWork::mayPrintCommit)
                  : skip(json);
          if (text != null) {
            output.append(text).append('\n');
          }
        } else {
          json.skipValue();
        }
      }
    }
    return output.isEmpty() ? null : output.toString();
  }

  private static @Nullable String skip(JsonScanner json) throws BadRecordException {
    json.skipValue();
    return null;
  }

  /**
   * The lines an edit tool wrote, as {@link dev.goodhart.model.git.LineHash}es: {@code Write} its
   * whole content, {@code Edit} and each of {@code MultiEdit}'s edits the lines of the new text the
   * old did not have, {@code NotebookEdit} its new cell source; and the file written. Other tools'
   * inputs write nothing. The fields are read whatever the tool, since {@code name} may follow
   * {@code input}.
   */
  private static void readToolInput(JsonScanner json, ToolUse tool) throws BadRecordException {
    long[] oldLines = NO_LINES;
    long[] newLines = NO_LINES;
    long[] content = NO_LINES;
    long[] edits = NO_LINES;
    while (json.nextField()) {
      switch (json.field()) {
        case "file_path", "notebook_path" ->
            tool.filePath = json.atString() ? json.text("input." + json.field()) : skip(json);
        case "content" -> content = lineHashes(json, "input.content");
        case "new_source" -> content = lineHashes(json, "input.new_source");
        case "old_string" -> oldLines = lineHashes(json, "input.old_string");
        case "new_string" -> newLines = lineHashes(json, "input.new_string");
        case "edits" -> {
          if (json.atArray()) {
            json.array("input.edits");
            while (json.nextElement()) {
              edits = concat(edits, readEdit(json));
            }
          } else {
            json.skipValue();
          }
        }
        default -> json.skipValue();
      }
    }
    tool.written = concat(concat(edits, content), AgentWork.replaced(oldLines, newLines));
  }

  private static long[] readEdit(JsonScanner json) throws BadRecordException {
    if (!json.object("input.edits[]")) {
      return NO_LINES;
    }
    long[] oldLines = NO_LINES;
    long[] newLines = NO_LINES;
    while (json.nextField()) {
      switch (json.field()) {
        case "old_string" -> oldLines = lineHashes(json, "old_string");
        case "new_string" -> newLines = lineHashes(json, "new_string");
        default -> json.skipValue();
      }
    }
    return AgentWork.replaced(oldLines, newLines);
  }

  private static final long[] NO_LINES = {};

  private static long[] concat(long[] first, long[] second) {
    if (first.length == 0) {
      return second;
    }
    if (second.length == 0) {
      return first;
    }
    long[] both = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  /** A text's lines as hashes of their decoded text; any other value writes no lines. */
  private static long[] lineHashes(JsonScanner json, String name) throws BadRecordException {
    if (!json.atString()) {
      json.skipValue();
      return NO_LINES;
    }
    return json.textLineHashes(name);
  }

  private static Usage readUsage(JsonScanner json) throws BadRecordException {
    Usage usage = new Usage();
    while (json.nextField()) {
      switch (json.field()) {
        case "input_tokens" -> usage.input = json.count("message.usage.input_tokens");
        case "output_tokens" -> usage.output = json.count("message.usage.output_tokens");
        case "cache_read_input_tokens" ->
            usage.cacheRead = json.count("message.usage.cache_read_input_tokens");
        case "cache_creation_input_tokens" ->
            usage.cacheCreation = json.count("message.usage.cache_creation_input_tokens");
        case "speed" -> usage.speed = json.text("message.usage.speed");
        case "cache_creation" -> {
          if (json.object("message.usage.cache_creation")) {
            readCacheCreation(json, usage);
          }
        }
        default -> json.skipValue();
      }
    }
    return usage;
  }

  private static void readCacheCreation(JsonScanner json, Usage usage) throws BadRecordException {
    while (json.nextField()) {
      switch (json.field()) {
        case "ephemeral_5m_input_tokens" ->
            usage.ephemeral5m =
                json.count("message.usage.cache_creation.ephemeral_5m_input_tokens");
        case "ephemeral_1h_input_tokens" ->
            usage.ephemeral1h =
                json.count("message.usage.cache_creation.ephemeral_1h_input_tokens");
        default -> json.skipValue();
      }
    }
  }

  /** A tool call's id and name, and the file and lines it wrote if it was an edit. */
  private static final class ToolUse {
    @Nullable String id;
    @Nullable String name;
    @Nullable String filePath;
    long[] written = NO_LINES;
  }

  private record ToolResult(String toolUseId, String output) {}

  private static final class Block {
    @Nullable String type;
    @Nullable String text;
    @Nullable String toolUseId;
    final ToolUse tool = new ToolUse();
  }

  /** The fields of one line that matter; mutable because they arrive in any order. */
  private static final class Line {
    @Nullable String type;
    boolean messageRead;
    boolean stopped;
    @Nullable String role;
    @Nullable String uuid;
    boolean meta;
    @Nullable String prompt;
    final List<ToolUse> edits = new ArrayList<>(0);
    final List<ToolResult> results = new ArrayList<>(0);
    @Nullable String timestamp;
    @Nullable String sessionId;
    @Nullable String cwd;
    @Nullable String gitBranch;
    @Nullable String requestId;
    @Nullable String messageId;
    @Nullable String model;
    @Nullable BigDecimal costUsd;
    @Nullable Usage usage;
    boolean sidechain;

    boolean hasSignals() {
      return prompt != null || !edits.isEmpty() || !results.isEmpty();
    }
  }

  private static final class Usage {
    long input;
    long output;
    long cacheRead;
    long cacheCreation = -1;
    long ephemeral5m = -1;
    long ephemeral1h = -1;
    @Nullable String speed;

    /**
     * Splits cache writes into 5-minute and 1-hour ones. The total ({@code
     * cache_creation_input_tokens}) is what every report counts, so the split never changes it:
     * 1-hour writes as stated, the rest 5-minute.
     */
    TokenCounts tokens() throws BadRecordException {
      long oneHour = Math.max(ephemeral1h, 0);
      long fiveMinutes;
      if (cacheCreation >= 0) {
        if (oneHour > cacheCreation) {
          throw new BadRecordException(
              "message.usage.cache_creation.ephemeral_1h_input_tokens (%d) exceeds cache_creation_input_tokens (%d)"
                  .formatted(oneHour, cacheCreation));
        }
        fiveMinutes = cacheCreation - oneHour;
      } else {
        fiveMinutes = Math.max(ephemeral5m, 0);
      }
      return new TokenCounts(input, output, cacheRead, fiveMinutes, oneHour, 0);
    }
  }
}
