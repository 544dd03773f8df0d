package dev.goodhart.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.Pseudonyms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping of people to teams, as a file or a request body, turned into pseudonyms at once.
 * JSON: {@code {"teams": {"platform": ["alice@example.com", ...], ...}}}. CSV: one {@code
 * email,team} per line ({@code #} starts a comment). A person in two teams is an error: each person
 * counts in one team, so team figures add up.
 */
public final class TeamFile {
  private TeamFile() {}

  /** Reads a mapping file (JSON when it starts with '{', else CSV). */
  public static Map<String, String> read(Path file, Pseudonyms pseudonyms) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GoodhartException(
          ErrorCode.PATH_NOT_FOUND,
          "cannot read the team file '%s': %s".formatted(file, e.getMessage()),
          e);
    }
    try {
      if (text.stripLeading().startsWith("{")) {
        return fromJson(
            GoodhartServer.parseJson(text.getBytes(StandardCharsets.UTF_8), "the team file"),
            pseudonyms);
      }
      return fromCsv(text, file.toString(), pseudonyms);
    } catch (ApiException e) {
      throw new GoodhartException(
          ErrorCode.USAGE_ERROR, "the team file '%s': %s".formatted(file, e.getMessage()));
    }
  }

  static Map<String, String> fromJson(JsonNode body, Pseudonyms pseudonyms) {
    JsonNode teams = body.path("teams");
    if (!teams.isObject()) {
      throw ApiException.badRequest(
          "expected {\"teams\": {\"<team>\": [\"<email>\", ...]}}; field 'teams' is missing or not an object");
    }
    Map<String, String> byEmail = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> team : teams.properties()) {
      if (!team.getValue().isArray()) {
        throw ApiException.badRequest(
            "teams.%s must be an array of e-mail addresses".formatted(team.getKey()));
      }
      int index = 0;
      for (JsonNode member : team.getValue()) {
        add(
            byEmail,
            member.asText(""),
            team.getKey(),
            "teams.%s[%d]".formatted(team.getKey(), index++));
      }
    }
    return pseudonymise(byEmail, pseudonyms);
  }

  static Map<String, String> fromCsv(String text, String where, Pseudonyms pseudonyms) {
    Map<String, String> byEmail = new LinkedHashMap<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()
          || line.startsWith("#")
          || (i == 0 && line.equalsIgnoreCase("email,team"))) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (fields.length != 2) {
        throw ApiException.badRequest(
            "%s:%d: '%s' is not 'email,team'".formatted(where, i + 1, line));
      }
      add(byEmail, fields[0], fields[1].strip(), "%s:%d".formatted(where, i + 1));
    }
    return pseudonymise(byEmail, pseudonyms);
  }

  private static void add(Map<String, String> byEmail, String email, String team, String where) {
    String address = email.strip();
    if (!address.contains("@") || team.isBlank()) {
      throw ApiException.badRequest(
          "%s: '%s' in team '%s' is not an e-mail address and a team name"
              .formatted(where, address, team));
    }
    String before = byEmail.putIfAbsent(address.toLowerCase(java.util.Locale.ROOT), team);
    if (before != null && !before.equals(team)) {
      throw ApiException.badRequest(
          "%s: '%s' is in team '%s' and in team '%s'; put each person in one team"
              .formatted(where, address, before, team));
    }
  }

  private static Map<String, String> pseudonymise(
      Map<String, String> byEmail, Pseudonyms pseudonyms) {
    Map<String, String> byPerson = new LinkedHashMap<>();
    byEmail.forEach((email, team) -> byPerson.put(pseudonyms.of(email), team));
    return byPerson;
  }
}
