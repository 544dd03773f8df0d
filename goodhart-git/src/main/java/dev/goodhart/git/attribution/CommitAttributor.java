package dev.goodhart.git.attribution;

import java.util.List;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether and by which agent a commit was written, from what agents leave in git
 * (FORMATS.md §8.1): their identities as author, committer or co-author, the marker lines and
 * trailers they write, the session trailers that join a commit to usage, and, when the caller has
 * them, the commit's git-ai note and Agent Trace records. Absence of evidence is not evidence of a
 * person: users switch the trailers off, and re-committing drops them.
 *
 * <h2>Confidence</h2>
 *
 * <table>
 *   <caption>How sure each piece of evidence makes goodhart</caption>
 *   <tr><td>1.0</td><td>an agent's bot account as author ({@code copilot-swe-agent[bot]}, {@code
 *       devin-ai-integration[bot]}, {@code claude[bot]}); a git-ai note crediting lines to AI</td></tr>
 *   <tr><td>0.95</td><td>a bot account as committer; a tool's own address as author; an Agent
 *       Trace record with {@code ai} lines</td></tr>
 *   <tr><td>0.9</td><td>a co-author trailer with a tool's address or bot account; a tool's
 *       address as committer; Aider's {@code (aider)} name suffix; a session trailer</td></tr>
 *   <tr><td>0.85</td><td>an Agent Trace record with only {@code mixed} lines; a Cursor cloud
 *       agent link</td></tr>
 *   <tr><td>0.8</td><td>a generated marker ({@code 🤖 Generated with [Claude Code](…)}, {@code
 *       Made with [Cursor](…)}, {@code Made-with: Cursor}); {@code Assisted-by:} or {@code
 *       Generated-by:} naming a known tool</td></tr>
 *   <tr><td>0.7</td><td>Aider's {@code aider: } subject prefix; {@code Assisted-by:} naming no
 *       known tool (agent {@code ai})</td></tr>
 *   <tr><td>0.6</td><td>{@code Generated-by:} naming no known tool; an address that is probably a
 *       tool's ({@code noreply@openai.com} for Codex)</td></tr>
 *   <tr><td>0.5</td><td>a name that is nothing but a tool without a documented address ({@code
 *       Codex}, {@code Gemini CLI})</td></tr>
 * </table>
 *
 * <p>Trailer-shaped lines count anywhere in the message, because GitHub's squash merge turns each
 * squashed commit's trailers into body text; outside the trailer block (found as git finds it,
 * {@link Trailers}) they count 0.05 less.
 *
 * <h2>Order</h2>
 *
 * Evidence is ordered by confidence, highest first; equal confidences keep the order they were
 * found in: author, committer, the message from top to bottom, the git-ai note, the Agent Trace
 * records. {@link Attribution#aiAgent()} is the agent of the first piece. The same kind and detail
 * found twice is kept once.
 */
public final class CommitAttributor {
  static final double GIT_AI_NOTE = 1.0;
  static final double TRACE_AI = 0.95;
  static final double TRACE_MIXED = 0.85;

  /** What the commit itself says: identities and message. */
  public Attribution attribute(CommitText commit) {
    return attribute(commit, null, List.of());
  }

  /**
   * What the commit says, with what git-ai and Agent Trace recorded about it.
   *
   * @param note the commit's git-ai note ({@code refs/notes/ai}), or null when it has none
   * @param traceRecords the Agent Trace records the caller relates to this commit (see {@link
   *     AgentTraceRecords#forRevision}); empty when there are none
   */
  public Attribution attribute(
      CommitText commit, @Nullable GitAiNote note, List<AgentTraceRecord> traceRecords) {
    EvidenceCollector collector = new EvidenceCollector();
    identity(commit.authorName(), commit.authorEmail(), true, collector);
    identity(commit.committerName(), commit.committerEmail(), false, collector);
    message(commit.message(), collector);
    if (note != null) {
      gitAiNote(note, collector);
    }
    traceRecords.forEach(record -> agentTrace(record, collector));
    return collector.attribution();
  }

  private static void identity(
      String name, String email, boolean author, EvidenceCollector collector) {
    AgentIdentities.recognise(name, email)
        .ifPresent(
            match ->
                collector.add(
                    match.agent(),
                    author ? EvidenceKinds.AUTHOR : EvidenceKinds.COMMITTER,
                    name.strip() + " <" + email.strip() + ">",
                    author ? match.strength().asAuthor() : match.strength().asCommitter()));
  }

  private static void message(String message, EvidenceCollector collector) {
    List<String> lines = Trailers.lines(message);
    if (lines.isEmpty()) {
      return;
    }
    Trailers.Block block = Trailers.block(lines);
    MessageMarkers.subject(lines.getFirst(), collector);
    for (int index = 1; index < lines.size(); index++) {
      String line = lines.get(index);
      MessageMarkers.bodyLine(line, collector);
      if (block.contains(index)) {
        int lineNumber = index + 1;
        block.trailers().stream()
            .filter(trailer -> trailer.lineNumber() == lineNumber)
            .forEach(trailer -> TrailerRules.apply(trailer, true, collector));
        continue;
      }
      Matcher trailerShaped = Trailers.TRAILER_LINE.matcher(line);
      if (trailerShaped.matches()) {
        Trailer trailer =
            new Trailer(
                trailerShaped.group(1), trailerShaped.group(2).strip(), line.strip(), index + 1);
        TrailerRules.apply(trailer, false, collector);
      }
    }
  }

  private static void gitAiNote(GitAiNote note, EvidenceCollector collector) {
    for (NoteAgent agent : note.agents()) {
      if (agent.lines() == 0) {
        continue;
      }
      String detail =
          "refs/notes/ai %s %s%s: %d lines"
              .formatted(
                  agent.key(),
                  agent.tool() == null ? "(no agent_id)" : "tool " + agent.tool(),
                  agent.conversationId() == null ? "" : " id " + agent.conversationId(),
                  agent.lines());
      collector.add(agent.agent(), EvidenceKinds.GIT_AI_NOTE, detail, GIT_AI_NOTE);
      if (agent.conversationId() != null) {
        collector.addSession(agent.conversationId());
      }
    }
  }

  private static void agentTrace(AgentTraceRecord record, EvidenceCollector collector) {
    long ai = record.lineCount(ContributorType.AI);
    long mixed = record.lineCount(ContributorType.MIXED);
    if (ai + mixed == 0) {
      return;
    }
    String detail =
        "agent trace %s %s: %d ai, %d mixed lines"
            .formatted(
                record.id(),
                record.toolName() == null ? "(no tool)" : "tool " + record.toolName(),
                ai,
                mixed);
    collector.add(
        record.agent(), EvidenceKinds.AGENT_TRACE, detail, ai > 0 ? TRACE_AI : TRACE_MIXED);
    record.aiConversationUrls().forEach(collector::addSession);
  }
}
