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
 * where, every session with the commits it produced and how a reader can find them, how its work
 * landed on main and what became of each line it wrote, the waste each session was made to show,
 * every commit with the session behind it and whether it shipped, every pull request and every
 * deployment. Written beside the organisation as {@code truth.json}.
 *
 * @param now the end of the history
 * @param people everyone, in git's terms
 * @param repositories each with its absolute path
 * @param sessions by start time
 * @param commits by author time, then sha
 * @param pullRequests by repository, then number
 * @param deployments by repository, then time
 */
public record OrganisationTruth(
    long seed,
    Instant now,
    List<Person> people,
    List<Repository> repositories,
    List<Session> sessions,
    List<Commit> commits,
    List<PullRequest> pullRequests,
    List<Deployment> deployments) {

  public OrganisationTruth {
    people = List.copyOf(people);
    repositories = List.copyOf(repositories);
    sessions = List.copyOf(sessions);
    commits = List.copyOf(commits);
    pullRequests = List.copyOf(pullRequests);
    deployments = List.copyOf(deployments);
  }

  /**
   * Someone in the organisation.
   *
   * @param profile how much they use agents: heavy, medium, light or none
   * @param agents the sources of their sessions: claude, codex
   */
  public record Person(String email, String name, String profile, List<String> agents) {}

  /**
   * A repository: its absolute path, and main as its default branch.
   *
   * @param fullName its name on the forge, {@code owner/name}, which its origin's URL gives
   * @param pullRequestsFile its pull requests as {@code goodhart import github OWNER/NAME --from}
   *     reads them: JSON lines, each with its commits, reviews and review comments
   * @param deploymentsFile its deployments to production, as a request to the generic events
   *     endpoint ({@code {"deployments": [...]}}, docs/events-api.md)
   */
  public record Repository(
      String name,
      String path,
      String defaultBranch,
      String language,
      String fullName,
      String pullRequestsFile,
      String deploymentsFile) {}

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
   * @param shipped whether its work reached main as line provenance must find it: one of its {@code
   *     links} is to a commit on main
   * @param waste the waste signals it was made to show: discarded, loop, context-bloat, unattended,
   *     parallel
   * @param links every commit line provenance must link it to, on main or off it (what {@code
   *     goodhart report --json} lists as the session's {@code commits})
   * @param shippedCommits its links to commits on main that a successful production deployment
   *     holds
   * @param aiLinesShipped of the lines it wrote, those that entered main in a deployed commit it is
   *     linked to (at most {@code aiLinesAdded})
   * @param aiLinesAliveAtHead of the lines it wrote, those at main's head in a commit it is linked
   *     to (at most {@code aiLinesAdded})
   * @param lines every line its edits wrote, line by line, and what became of each
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
      List<String> waste,
      List<Link> links,
      int shippedCommits,
      long aiLinesShipped,
      long aiLinesAliveAtHead,
      List<WrittenLine> lines) {

    /** Its links to commits on main: how its work landed. */
    public List<Link> landedAs() {
      return links.stream().filter(Link::onMain).toList();
    }
  }

  /**
   * A commit a session produced.
   *
   * @param link exact (the session's own tool output shows the sha) or hand (the person committed
   *     the session's edits by hand after it ended; no sha in the log)
   */
  public record SessionCommit(String sha, String link) {}

  /**
   * A commit line provenance must link a session to.
   *
   * @param kind exact (the session printed it), rewritten (main's replay of a commit it printed: a
   *     rebase merge, a one-commit pull request squashed), squashed (the pull request of a commit
   *     it printed merged as this commit, or its lines in it), content (its lines in it, though it
   *     committed nothing itself), inferred (its person's commit in its window, nothing else known)
   * @param onMain whether the commit is on main
   * @param pullRequest the pull request the commit came to main by; null off main or when none
   * @param deployed whether a successful production deployment holds it (false off main)
   * @param linesShipped the session's lines in it that entered main
   * @param linesAliveAtHead the session's lines in it at main's head
   */
  public record Link(
      String sha,
      String kind,
      boolean onMain,
      @Nullable Integer pullRequest,
      boolean deployed,
      long linesShipped,
      long linesAliveAtHead) {}

  /**
   * A line a session's edit wrote.
   *
   * @param file relative to the repository
   * @param at when the edit was made
   * @param landedIn the commit on main whose line it became, by line provenance's rule; null when
   *     none did (never committed, left on a branch, rewritten by a reviewer, or a blank line or
   *     bracket that git gave to a neighbour)
   * @param enteredMain whether that line entered main (a branch's line can be changed before the
   *     merge)
   * @param aliveAtHead whether that line is at main's head ({@code git blame} gives it to its
   *     commit)
   */
  public record WrittenLine(
      String file,
      String text,
      Instant at,
      @Nullable String landedIn,
      boolean enteredMain,
      boolean aliveAtHead) {}

  /**
   * A pull request.
   *
   * @param repository the repository's absolute path
   * @param outcome merge, squash, rebase (merged so), closed (unmerged) or open
   * @param mergeCommit the commit its merge made on main (the last one of a rebase); null unmerged
   * @param commits its branch's commits at the end, oldest first
   * @param landed every commit it made on main (a rebase's each)
   * @param reviews the reviews it received
   */
  public record PullRequest(
      String repository,
      int number,
      String branch,
      String author,
      String outcome,
      Instant openedAt,
      @Nullable Instant closedAt,
      @Nullable String mergeCommit,
      List<String> commits,
      List<String> landed,
      int reviews) {}

  /**
   * A deployment of main to production.
   *
   * @param repository the repository's absolute path
   * @param status success or failure
   */
  public record Deployment(String repository, String id, String sha, String status, Instant at) {}

  /** A session's tokens, summed over its requests (Anthropic's convention: input without cache). */
  public record Tokens(long input, long output, long cacheRead, long cacheWrite) {}

  /**
   * A commit.
   *
   * @param repository the repository's absolute path
   * @param sessionId the session that produced it, null for one nobody's session made
   * @param shipped whether it is reachable from main
   * @param kind initial, human, agent, hand-after-session, merge, squash, rebased, review or revert
   * @param author the author's email
   * @param branch the branch it was made on
   * @param pullRequest the pull request a merge, squash or rebased commit landed
   * @param revertOf the sha a revert reverts
   * @param squashOf the commits a squash took in
   * @param rebaseOf the branch commit a rebased commit replays
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
      List<String> squashOf,
      @Nullable String rebaseOf) {}

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
