package dev.goodhart.ingest.codex;

import dev.goodhart.ingest.ApplyPatch;
import dev.goodhart.ingest.ApplyPatch.WrittenFile;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.UnifiedDiff;
import dev.goodhart.ingest.json.JsonScanner;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.WrittenPaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The files a Codex session wrote, as its rollout shows them. A patch in the {@code apply_patch}
 * format comes in a tool call (openai/codex {@code codex-rs/apply-patch/src/invocation.rs}): as a
 * custom tool's input; as the {@code input} of a function call's JSON arguments; or as a shell
 * command (of a function call, or of an older model's {@code local_shell_call} action), {@code
 * ["apply_patch", patch]} or a script {@code apply_patch <<'EOF' ... EOF}, optionally after {@code
 * cd DIR &&}, in a {@code command} (array or string) or {@code cmd}, run in the call's {@code
 * workdir}. Rollouts that keep the full history (the app server's) also log each applied patch as a
 * {@code patch_apply_end} event whose {@code changes} map each file to {@code
 * {"type":"add","content"}}, {@code {"type":"update","unified_diff","move_path"}} or {@code
 * {"type":"delete"}} ({@code codex-rs/protocol/src/protocol.rs}, {@code FileChange}; older builds
 * wrote {@code {"add":{"content"}}}, which is read too).
 */
final class CodexPatches {
  static final String BEGIN_PATCH = "*** Begin Patch";

  /**
   * A shell script that changes folder before it applies a patch: {@code cd DIR && apply_patch}.
   */
  private static final Pattern CD =
      Pattern.compile(
          "(?:^|\\n)\\s*cd\\s+(?:'([^'\\n]*)'|\"([^\"\\n]*)\"|([^\\s'\"&;|]+))\\s*&&\\s*"
              + "(?:apply_patch|applypatch)\\s*<<");

  /** Patches can be longer than a command's output; a longer text is a file, not a change. */
  static final int MAX_TEXT = 1 << 20;

  private CodexPatches() {}

  /**
   * A patch a tool call applied.
   *
   * @param folder where its relative paths start, relative to the session's folder (the call's
   *     {@code workdir}, then a script's {@code cd}), or null for the session's folder itself
   */
  record PatchCall(String patch, @Nullable String folder) {}

  /**
   * The patch a tool call's input or arguments apply: the input itself when it is no JSON object (a
   * custom tool), else the JSON arguments' {@code input}, {@code command} or {@code cmd}; a shell
   * command only when it runs {@code apply_patch}. Null when the call applies no patch.
   */
  static @Nullable PatchCall patchCall(@Nullable String text) {
    if (text == null || !text.contains(BEGIN_PATCH)) {
      return null;
    }
    if (!text.startsWith("{")) {
      return new PatchCall(text, null);
    }
    Arguments arguments = arguments(text);
    if (arguments == null) {
      return null;
    }
    if (arguments.input != null && arguments.input.contains(BEGIN_PATCH)) {
      return new PatchCall(arguments.input, arguments.workdir);
    }
    return shellPatch(
        arguments.command != null ? arguments.command : arguments.cmd, arguments.workdir);
  }

  /**
   * The patch a shell command (its arguments one a line, or a script) applies, run in {@code
   * workdir}: only when it runs {@code apply_patch}, after an optional {@code cd DIR &&}.
   */
  private static @Nullable PatchCall shellPatch(
      @Nullable String command, @Nullable String workdir) {
    int begin = command == null ? -1 : command.indexOf(BEGIN_PATCH);
    if (begin < 0) {
      return null;
    }
    String before = command.substring(0, begin);
    if (!before.contains("apply_patch") && !before.contains("applypatch")) {
      return null; // a patch a command prints or saves, not one it applies
    }
    Matcher cd = CD.matcher(before);
    String folder = workdir;
    if (cd.find()) {
      String dir =
          cd.group(1) != null ? cd.group(1) : cd.group(2) != null ? cd.group(2) : cd.group(3);
      folder = folder == null ? dir : WrittenPaths.resolve(folder, dir);
    }
    return new PatchCall(command, folder);
  }

  private static final byte[] BEGIN_PATCH_BYTES = BEGIN_PATCH.getBytes(StandardCharsets.US_ASCII);

  /**
   * The patch the {@code action} of a {@code local_shell_call} (the shell tool of older models:
   * {@code {"type":"exec","command":[...],"working_directory"}}) applies; its command is decoded
   * only when the rest of the line holds a patch. Any other payload's action is passed over.
   */
  static @Nullable PatchCall readShellAction(JsonScanner json, @Nullable String payloadType)
      throws BadRecordException {
    if (!"local_shell_call".equals(payloadType) || !json.restContains(BEGIN_PATCH_BYTES)) {
      json.skipValue();
      return null;
    }
    if (!json.object("payload.action")) {
      return null;
    }
    String command = null;
    String workdir = null;
    while (json.nextField()) {
      switch (json.field()) {
        case "command" -> command = stringOrLines(json, "payload.action.command");
        case "working_directory" -> workdir = string(json, "payload.action.working_directory");
        default -> json.skipValue();
      }
    }
    return shellPatch(command, workdir);
  }

  /** The fields of a function call's JSON arguments that can carry a patch. */
  private static final class Arguments {
    @Nullable String input;
    @Nullable String command;
    @Nullable String cmd;
    @Nullable String workdir;
  }

  /** A function call's arguments, or null when the text only looked like JSON. */
  private static @Nullable Arguments arguments(String document) {
    byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
    JsonScanner json = new JsonScanner().reset(bytes, 0, bytes.length);
    Arguments arguments = new Arguments();
    try {
      json.beginObject();
      while (json.nextField()) {
        switch (json.field()) {
          case "input" -> arguments.input = string(json, "input");
          case "command" -> arguments.command = stringOrLines(json, "command");
          case "cmd" -> arguments.cmd = string(json, "cmd");
          case "workdir" -> arguments.workdir = string(json, "workdir");
          default -> json.skipValue();
        }
      }
    } catch (BadRecordException e) {
      return null;
    }
    return arguments;
  }

  private static @Nullable String string(JsonScanner json, String name) throws BadRecordException {
    if (!json.atString()) {
      json.skipValue();
      return null;
    }
    return json.text(name);
  }

  /** A string, or an array's strings joined by line breaks (a command's arguments). */
  private static @Nullable String stringOrLines(JsonScanner json, String name)
      throws BadRecordException {
    if (!json.atArray()) {
      return string(json, name);
    }
    json.array(name);
    StringBuilder joined = new StringBuilder();
    while (json.nextElement()) {
      String element = string(json, name + "[]");
      if (element != null) {
        joined.append(element).append('\n');
      }
    }
    return joined.toString();
  }

  /**
   * A {@code patch_apply_end} event's {@code changes}: the files it wrote lines into, with their
   * lines; a moved file is written under its new path, a deleted one wrote nothing.
   */
  static List<WrittenFile> readChanges(JsonScanner json) throws BadRecordException {
    if (!json.object("payload.changes")) {
      return List.of();
    }
    List<WrittenFile> files = new ArrayList<>(1);
    while (json.nextField()) {
      String path = json.field();
      Change change = new Change();
      if (json.atString()) {
        json.skipValue(); // older builds wrote a deletion as "delete"
      } else if (json.object("payload.changes[]")) {
        readChange(json, change, true);
      }
      long[] written = change.written();
      String file = change.movePath != null && !change.movePath.isBlank() ? change.movePath : path;
      if (written.length > 0 && !file.isBlank()) {
        files.add(new WrittenFile(file, written));
      }
    }
    return files;
  }

  private static final long[] NO_LINES = {};

  /** One file's change, tagged by {@code type} or, in older builds, by its only field's name. */
  private static void readChange(JsonScanner json, Change change, boolean outer)
      throws BadRecordException {
    while (json.nextField()) {
      String field = json.field();
      switch (field) {
        case "type" -> change.type = json.text("payload.changes[].type");
        case "content" -> {
          // A deleted file's content is what it held, not what the patch wrote.
          if ("delete".equals(change.type) || !json.atString()) {
            json.skipValue();
          } else {
            change.content = json.textLineHashes("payload.changes[].content");
          }
        }
        case "unified_diff" ->
            change.diff =
                json.atString()
                    ? json.shortText("payload.changes[].unified_diff", MAX_TEXT)
                    : skip(json);
        case "move_path" -> change.movePath = string(json, "payload.changes[].move_path");
        case "add", "update", "delete" -> {
          if (outer && !json.atString() && json.object("payload.changes[]." + field)) {
            change.type = field;
            readChange(json, change, false);
          } else {
            json.skipValue();
          }
        }
        default -> json.skipValue();
      }
    }
  }

  private static @Nullable String skip(JsonScanner json) throws BadRecordException {
    json.skipValue();
    return null;
  }

  private static final class Change {
    @Nullable String type;
    long[] content = NO_LINES;
    @Nullable String diff;
    @Nullable String movePath;

    long[] written() {
      if ("add".equals(type)) {
        return content;
      }
      if ("update".equals(type) && diff != null) {
        return UnifiedDiff.written(diff);
      }
      return NO_LINES;
    }
  }

  /**
   * One edit signal per file, keyed by the call and the file as resolved against {@code folder}:
   * the same file of the same call has one key, whether its call or its event told of it.
   */
  static void signal(
      SessionSignal.Context at,
      String call,
      @Nullable String folder,
      List<WrittenFile> files,
      RecordSink sink) {
    for (WrittenFile file : files) {
      String path = WrittenPaths.resolve(folder, file.path());
      sink.signal(SessionSignal.edit(at, "e:" + call + ":" + path, path, file.lineHashes()));
    }
  }

  /** The files a patch call wrote. */
  static List<WrittenFile> written(PatchCall call) {
    return ApplyPatch.written(call.patch());
  }
}
