package dev.goodhart.git.attribution;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The metadata JSON of a git-ai note, the parts goodhart uses: the schema version, the base commit,
 * and the agent of every session and prompt. Unknown fields are skipped, {@code humans} is only
 * checked to be an object, and absent {@code sessions}, {@code prompts} or {@code humans} are empty
 * (the spec allows it). Counts such as {@code overriden_lines} (sic, v3's spelling) are not read.
 */
record GitAiMetadata(
    @Nullable String schemaVersion,
    @Nullable String baseCommitSha,
    Map<String, AgentId> sessions,
    Map<String, AgentId> prompts) {
  /** An {@code agent_id}: the tool, its conversation id and the model, each possibly absent. */
  record AgentId(@Nullable String tool, @Nullable String id, @Nullable String model) {}

  GitAiMetadata {
    sessions = Map.copyOf(requireNonNull(sessions, "sessions is null"));
    prompts = Map.copyOf(requireNonNull(prompts, "prompts is null"));
  }

  /**
   * @param lineOffset how many lines of the note precede the JSON, so errors name the note's line
   */
  static GitAiMetadata parse(String json, int lineOffset) throws MalformedAttributionDataException {
    if (json.isBlank()) {
      throw new MalformedAttributionDataException(
          "a git-ai note needs metadata JSON after its '---' line", json, lineOffset);
    }
    try (JsonParser parser = JsonFields.parser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw JsonFields.wrongType(parser, "metadata", "an object", lineOffset);
      }
      String schemaVersion = null;
      String baseCommitSha = null;
      Map<String, AgentId> sessions = Map.of();
      Map<String, AgentId> prompts = Map.of();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "schema_version" -> schemaVersion = JsonFields.text(parser, field, lineOffset);
          case "base_commit_sha" -> baseCommitSha = JsonFields.text(parser, field, lineOffset);
          case "sessions" -> sessions = agents(parser, field, lineOffset);
          case "prompts" -> prompts = agents(parser, field, lineOffset);
          case "humans" -> {
            if (JsonFields.object(parser, field, lineOffset)) {
              parser.skipChildren();
            }
          }
          default -> parser.skipChildren();
        }
      }
      JsonFields.requireEnd(parser, lineOffset);
      return new GitAiMetadata(schemaVersion, baseCommitSha, sessions, prompts);
    } catch (IOException e) {
      throw JsonFields.notJson(e, json, lineOffset);
    }
  }

  /** {@code {"<key>": {"agent_id": {...}, ...}, ...}}, keeping each key's agent. */
  private static Map<String, AgentId> agents(JsonParser parser, String field, int lineOffset)
      throws IOException, MalformedAttributionDataException {
    Map<String, AgentId> agents = new LinkedHashMap<>();
    if (!JsonFields.object(parser, field, lineOffset)) {
      return agents;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      String where = field + "." + key;
      AgentId agent = new AgentId(null, null, null);
      if (JsonFields.object(parser, where, lineOffset)) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          if (name.equals("agent_id")) {
            agent = agentId(parser, where + ".agent_id", lineOffset);
          } else {
            parser.skipChildren();
          }
        }
      }
      agents.put(key, agent);
    }
    return agents;
  }

  private static AgentId agentId(JsonParser parser, String where, int lineOffset)
      throws IOException, MalformedAttributionDataException {
    String tool = null;
    String id = null;
    String model = null;
    if (JsonFields.object(parser, where, lineOffset)) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "tool" -> tool = JsonFields.text(parser, where + ".tool", lineOffset);
          case "id" -> id = JsonFields.text(parser, where + ".id", lineOffset);
          case "model" -> model = JsonFields.text(parser, where + ".model", lineOffset);
          default -> parser.skipChildren();
        }
      }
    }
    return new AgentId(tool, id, model);
  }
}
