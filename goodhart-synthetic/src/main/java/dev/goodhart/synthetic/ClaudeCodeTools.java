package dev.goodhart.synthetic;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Claude Code's tools for scripted calls: the name and input of the {@code tool_use} block, the
 * text of its {@code tool_result}, and the structured {@code toolUseResult} the transcript keeps
 * beside it.
 */
final class ClaudeCodeTools {
  /**
   * One rendered call.
   *
   * @param structured the {@code toolUseResult} object's fields, or null for Bash's shape
   * @param linesWritten lines in the new text of the input ({@code new_string}, {@code content})
   * @param linesAdded lines the call put into the file that were not there
   */
  record Use(
      String name,
      JsonLinesFile.JsonWriter input,
      String result,
      JsonLinesFile.@Nullable JsonWriter structured,
      int linesWritten,
      int linesAdded) {}

  private final TextPool text;

  ClaudeCodeTools(TextPool text) {
    this.text = text;
  }

  Use use(SessionScript.Tool tool, SessionScript.Effort effort) {
    return switch (tool) {
      case SessionScript.ReadFile read -> read(read, effort);
      case SessionScript.Search search -> search(search, effort);
      case SessionScript.Command command -> command(command, effort);
      case SessionScript.EditFile edit -> edit(edit);
      case SessionScript.CreateFile create -> create(create);
    };
  }

  private Use read(SessionScript.ReadFile read, SessionScript.Effort effort) {
    String result = filler(effort.resultMedian() * 2);
    int lines = (int) result.lines().count();
    return new Use(
        "Read",
        json -> json.writeStringField("file_path", read.path()),
        result,
        json -> {
          json.writeStringField("type", "text");
          json.writeObjectFieldStart("file");
          json.writeStringField("filePath", read.path());
          json.writeNumberField("numLines", lines);
          json.writeNumberField("startLine", 1);
          json.writeNumberField("totalLines", lines);
          json.writeEndObject();
        },
        0,
        0);
  }

  private Use search(SessionScript.Search search, SessionScript.Effort effort) {
    String result = filler(effort.resultMedian());
    return new Use(
        "Grep",
        json -> {
          json.writeStringField("pattern", search.pattern());
          json.writeStringField("path", search.path());
          json.writeStringField("output_mode", "content");
        },
        result,
        json -> {
          json.writeStringField("mode", "content");
          json.writeNumberField("numFiles", 1 + result.length() % 7);
          json.writeStringField("content", result);
        },
        0,
        0);
  }

  private Use command(SessionScript.Command command, SessionScript.Effort effort) {
    String result = command.output() != null ? command.output() : filler(effort.resultMedian());
    return new Use(
        "Bash",
        json -> {
          json.writeStringField("command", command.command());
          json.writeStringField("description", command.description());
        },
        result,
        null,
        0,
        0);
  }

  private Use edit(SessionScript.EditFile edit) {
    List<EditRendering.Replacement> replacements = EditRendering.claude(edit);
    int written = replacements.stream().mapToInt(EditRendering.Replacement::newLines).sum();
    int added = EditRendering.added(edit);
    String original = String.join("\n", edit.before()) + "\n";
    if (replacements.size() == 1) {
      EditRendering.Replacement only = replacements.getFirst();
      return new Use(
          "Edit",
          json -> {
            json.writeStringField("file_path", edit.path());
            json.writeStringField("old_string", only.oldString());
            json.writeStringField("new_string", only.newString());
          },
          "The file "
              + edit.path()
              + " has been updated. Here's the result of running `cat -n` on a snippet of the"
              + " edited file:\n"
              + numbered(only.newString()),
          json -> {
            json.writeStringField("filePath", edit.path());
            json.writeStringField("oldString", only.oldString());
            json.writeStringField("newString", only.newString());
            json.writeStringField("originalFile", original);
            json.writeArrayFieldStart("structuredPatch");
            json.writeEndArray();
            json.writeBooleanField("userModified", false);
            json.writeBooleanField("replaceAll", false);
          },
          written,
          added);
    }
    JsonLinesFile.JsonWriter edits =
        json -> {
          json.writeArrayFieldStart("edits");
          for (EditRendering.Replacement replacement : replacements) {
            json.writeStartObject();
            json.writeStringField("old_string", replacement.oldString());
            json.writeStringField("new_string", replacement.newString());
            json.writeEndObject();
          }
          json.writeEndArray();
        };
    return new Use(
        "MultiEdit",
        json -> {
          json.writeStringField("file_path", edit.path());
          edits.write(json);
        },
        "Applied " + replacements.size() + " edits to " + edit.path(),
        json -> {
          json.writeStringField("filePath", edit.path());
          edits.write(json);
          json.writeStringField("originalFileContents", original);
          json.writeArrayFieldStart("structuredPatch");
          json.writeEndArray();
          json.writeBooleanField("userModified", false);
        },
        written,
        added);
  }

  private Use create(SessionScript.CreateFile create) {
    String content = String.join("\n", create.lines()) + "\n";
    return new Use(
        "Write",
        json -> {
          json.writeStringField("file_path", create.path());
          json.writeStringField("content", content);
        },
        "File created successfully at: " + create.path(),
        json -> {
          json.writeStringField("type", "create");
          json.writeStringField("filePath", create.path());
          json.writeStringField("content", content);
          json.writeArrayFieldStart("structuredPatch");
          json.writeEndArray();
        },
        create.lines().size(),
        create.lines().size());
  }

  private String filler(int median) {
    return text.slice(text.logNormal(median, 1.0, 10, 120_000));
  }

  /** The edited snippet the way {@code cat -n} shows it. */
  private static String numbered(String snippet) {
    StringBuilder out = new StringBuilder();
    int number = 1;
    for (String line : snippet.split("\n", -1)) {
      out.append(String.format(Locale.ROOT, "%6d\t%s", number++, line)).append('\n');
    }
    return out.toString();
  }
}
