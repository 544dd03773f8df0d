package dev.goodhart.synthetic.org;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What is true of a synthetic organisation, for tests to measure goodhart against: who worked
 * where, every session with the commits it produced and how a reader can find them, the waste each
 * session was made to show, and every commit with the session behind it and whether it shipped.
 * Written beside the organisation as {@code truth.json}.
 *
 * @param now the end of the history
 * @param people everyone, in git's terms
 * @param repositories each with its absolute path
 * @param sessions by start time
 * @param commits by author time, then sha
 */
public record OrganisationTruth(
    long seed,
    Instant now,
    List<Person> people,
    List<Repository> repositories,
    List<Session> sessions,
    List<Commit> commits) {

  public OrganisationTruth {
    people = List.copyOf(people);
    repositories = List.copyOf(repositories);
    sessions = List.copyOf(sessions);
    commits = List.copyOf(commits);
  }

  /**
   * Someone in the organisation.
   *
   * @param profile how much they use agents: heavy, medium, light or none
   * @param agents the sources of their sessions: claude, codex
   */
  public record Person(String email, String name, String profile, List<String> agents) {}

  /** A repository: its absolute path, and main as its default branch. */
  public record Repository(String name, String path, String defaultBranch, String language) {}

  /**
   * An agent session.
   *
   * @param source claude or codex
   * @param person the email of whoever ran it
   * @param repository the repository's absolute path
   * @param cwd the session's working directory: the repository or a folder in it
   * @param head the branch's commit when the session started (what its edits apply to)
   * @param start its first entry's time
   * @param end its last entry's time
   * @param logFile the transcript or rollout
   * @param requests model requests, each counted once
   * @param commits the commits it produced, in order
   * @param aiLinesWritten lines of new text in its edits (Claude Code: {@code new_string} and
   *     {@code content}; Codex: the patches' {@code +} lines)
   * @param aiLinesAdded of those, the lines that were not in the file before (no context lines)
   * @param shipped whether its work reached main: a commit of its is reachable from main, or was
   *     squashed into a commit that is
   * @param waste the waste signals it was made to show: discarded, loop, context-bloat, unattended,
   *     parallel
   */
  public record Session(
      String sessionId,
      String source,
      String person,
      String repository,
      String cwd,
      String branch,
      String head,
      Instant start,
      Instant end,
      String model,
      String logFile,
      int requests,
      Tokens tokens,
      List<SessionCommit> commits,
      int aiLinesWritten,
      int aiLinesAdded,
      boolean shipped,
      List<String> waste) {}

  /**
   * A commit a session produced.
   *
   * @param link exact (the session's own tool output shows the sha) or inferred (the person
   *     committed the session's edits by hand after it ended)
   */
  public record SessionCommit(String sha, String link) {}

  /** A session's tokens, summed over its requests (Anthropic's convention: input without cache). */
  public record Tokens(long input, long output, long cacheRead, long cacheWrite) {}

  /**
   * A commit.
   *
   * @param repository the repository's absolute path
   * @param sessionId the session that produced it, null for one nobody's session made
   * @param shipped whether it is reachable from main
   * @param kind initial, human, agent, hand-after-session, merge, squash or revert
   * @param author the author's email
   * @param branch the branch it was made on
   * @param pullRequest the pull request a merge or squash landed
   * @param revertOf the sha a revert reverts
   * @param squashOf the commits a squash took in
   */
  public record Commit(
      String sha,
      String repository,
      @Nullable String sessionId,
      boolean shipped,
      String kind,
      String author,
      Instant authored,
      String branch,
      String subject,
      List<String> parents,
      @Nullable Integer pullRequest,
      @Nullable String revertOf,
      List<String> squashOf) {}

  public Optional<Session> session(String sessionId) {
    return sessions.stream().filter(s -> s.sessionId().equals(sessionId)).findFirst();
  }

  public Optional<Commit> commit(String sha) {
    return commits.stream().filter(c -> c.sha().equals(sha)).findFirst();
  }

  public void write(Path file) {
    try {
      MAPPER.writeValue(file.toFile(), this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static OrganisationTruth read(Path file) {
    try {
      return MAPPER.readValue(file.toFile(), OrganisationTruth.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Times as ISO-8601 UTC text, as in every goodhart contract. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .registerModule(
              new SimpleModule("instants")
                  .addSerializer(
                      Instant.class,
                      new JsonSerializer<>() {
                        @Override
                        public void serialize(
                            Instant value, JsonGenerator json, SerializerProvider provider)
                            throws IOException {
                          json.writeString(value.toString());
                        }
                      })
                  .addDeserializer(
                      Instant.class,
                      new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser json, DeserializationContext context)
                            throws IOException {
                          return Instant.parse(json.getText());
                        }
                      }));
}
