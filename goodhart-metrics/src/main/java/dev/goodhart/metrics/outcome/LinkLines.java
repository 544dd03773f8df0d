package dev.goodhart.metrics.outcome;

import dev.goodhart.metrics.provenance.LineProvenance;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.LineCredit;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The session's lines in each commit it is linked to. Where line provenance knows the commit's
 * lines and the session's, they are the lines matched by content ({@code byContent}). Otherwise,
 * and for the session's own commits (exact or rewritten) when no line matched (a formatter changed
 * every line, or the agent wrote through a shell command), the commit's lines are shared equally
 * among the sessions that claim it, as before line provenance.
 */
final class LinkLines {
  private LinkLines() {}

  static void assign(
      List<CommitLink> links,
      String session,
      LineProvenance provenance,
      Set<String> sessionsWithLines) {
    links.replaceAll(link -> link.withLines(of(link, session, provenance, sessionsWithLines)));
  }

  private static CommitLink.Lines of(
      CommitLink link, String session, LineProvenance provenance, Set<String> sessionsWithLines) {
    CommitFact commit = link.commit();
    if (commit == null) {
      return CommitLink.Lines.NONE; // off the branch: nothing of it shipped
    }
    LineCredit credit = provenance.credit(session, link.sha());
    if (credit != null && credit.lines() > 0) {
      return new CommitLink.Lines(
          true,
          credit.shipped(),
          credit.aliveAtHead(),
          provenance.thirtyKnown(credit) ? (long) credit.alive30d() : null,
          credit.lines());
    }
    boolean known = sessionsWithLines.contains(session) && provenance.knows(link.sha());
    boolean own = link.kind() == CommitLink.Kind.EXACT || link.kind() == CommitLink.Kind.REWRITTEN;
    if (known && !own) {
      return new CommitLink.Lines(true, 0, 0, zeroIfKnown(commit), 0);
    }
    return new CommitLink.Lines(
        false,
        Math.round(link.share() * commit.fate().shipped()),
        Math.round(link.share() * commit.fate().aliveAtHead()),
        commit.fate().alive30d() == null
            ? null
            : Math.round(link.share() * commit.fate().alive30d()),
        0);
  }

  private static @Nullable Long zeroIfKnown(CommitFact commit) {
    return commit.fate().alive30d() == null ? null : 0L;
  }
}
