package dev.goodhart.synthetic.org;

import dev.goodhart.model.git.LineHash;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Line provenance's rule, as DESIGN.md and goodhart's {@code LineProvenance} state it, applied to
 * what the organisation knows its sessions wrote and to the lines git says each commit on main
 * brought: a commit's line is a session's when the session wrote that text into that file at most
 * {@link #WINDOW} before the commit (the latest such writing not taken by an earlier commit); a
 * line that carries no information (blank, a bracket, a lone keyword) is its nearest informative
 * neighbour's session's, above it else below it in the same run of the commit's lines, when that
 * session wrote it too. The organisation's code makes every informative line unique, so that the
 * first clause is exactly who wrote it; the second is the definition, and needs git's say on which
 * identical line is whose.
 */
final class LineCredits {
  static final Duration WINDOW = Duration.ofDays(14);

  /** One time a session wrote a line into a file, and what became of it. */
  static final class Written {
    final SessionPlan session;
    final String path;
    final Instant at;
    final String text;
    final boolean trivial;
    private final int order;
    boolean used;
    @Nullable String landedIn;
    private GitLines.@Nullable FileLines landedFile;
    private int landedLine;
    boolean entered;
    boolean alive;

    Written(SessionPlan session, String path, Instant at, String text, int order) {
      this.session = session;
      this.path = path;
      this.at = at;
      this.text = text;
      this.trivial = LineHash.isTrivial(LineHash.of(text));
      this.order = order;
    }
  }

  /** What one session's lines became in one commit. */
  static final class Credit {
    int lines;
    int nonTrivial;
    int shipped;
    int alive;
  }

  private final Map<String, List<Written>> byText = new HashMap<>();
  private final List<Written> taken = new ArrayList<>();
  private final Map<SessionPlan, Map<String, Credit>> credits = new LinkedHashMap<>();
  private final Map<String, Integer> ownNonTrivial = new HashMap<>();

  /** {@code written} in the order the sessions are known. */
  LineCredits(List<Written> written) {
    for (Written line : written) {
      byText.computeIfAbsent(stripped(line.text), k -> new ArrayList<>()).add(line);
    }
    Comparator<Written> latestFirst =
        Comparator.comparing((Written w) -> w.at).reversed().thenComparing(w -> w.order);
    byText.values().forEach(list -> list.sort(latestFirst));
  }

  /** The session's credit in a commit; null when none of the commit's lines is its. */
  @Nullable Credit credit(SessionPlan session, String sha) {
    return credits.getOrDefault(session, Map.of()).get(sha);
  }

  Map<String, Credit> credits(SessionPlan session) {
    return credits.getOrDefault(session, Map.of());
  }

  /** Whether the commit's lines were followed (it added lines, in the agent era). */
  boolean knows(String sha) {
    return ownNonTrivial.containsKey(sha);
  }

  int ownNonTrivial(String sha) {
    return ownNonTrivial.getOrDefault(sha, 0);
  }

  /** Takes one commit's lines, commits in the order of their commit times. */
  void match(String sha, Instant committedAt, List<GitLines.FileLines> files) {
    Instant earliest = committedAt.minus(WINDOW);
    int informative = 0;
    for (GitLines.FileLines file : files) {
      Written[] owner = new Written[file.size()];
      for (int line = 0; line < file.size(); line++) {
        if (!trivial(file.texts()[line])) {
          informative++;
          owner[line] = take(file.texts()[line], null, file.path(), earliest, committedAt);
        }
      }
      for (int line = 0; line < file.size(); line++) {
        if (trivial(file.texts()[line])) {
          owner[line] = followNeighbour(file, owner, line, earliest, committedAt);
        }
      }
      for (int line = 0; line < file.size(); line++) {
        Written written = owner[line];
        if (written != null) {
          written.landedIn = sha;
          written.landedFile = file;
          written.landedLine = line;
          taken.add(written);
        }
      }
    }
    ownNonTrivial.merge(sha, informative, Integer::sum);
  }

  /**
   * Once every commit is matched: what became of each line a commit took (git says, for the files
   * that hold one), and so each session's credit in each commit.
   */
  void settle(GitLines lines) {
    for (Written written : taken) {
      GitLines.FileLines file = java.util.Objects.requireNonNull(written.landedFile);
      lines.settle(file);
      written.entered = file.entered()[written.landedLine];
      written.alive = file.alive()[written.landedLine];
      Credit credit =
          credits
              .computeIfAbsent(written.session, s -> new LinkedHashMap<>())
              .computeIfAbsent(
                  java.util.Objects.requireNonNull(written.landedIn), s -> new Credit());
      credit.lines++;
      credit.nonTrivial += written.trivial ? 0 : 1;
      credit.shipped += written.entered ? 1 : 0;
      credit.alive += written.alive ? 1 : 0;
    }
  }

  private @Nullable Written followNeighbour(
      GitLines.FileLines file, Written[] owner, int line, Instant earliest, Instant latest) {
    int[] positions = file.positions();
    for (int step : new int[] {-1, 1}) {
      for (int other = line + step;
          other >= 0
              && other < file.size()
              && Math.abs(positions[other] - positions[other - step]) == 1;
          other += step) {
        if (!trivial(file.texts()[other])) {
          if (owner[other] != null) {
            Written taken =
                take(file.texts()[line], owner[other].session, file.path(), earliest, latest);
            if (taken != null) {
              return taken;
            }
          }
          break;
        }
      }
    }
    return null;
  }

  /** The latest unused writing of {@code text} into {@code path} in the window, by {@code only}. */
  private @Nullable Written take(
      String text, @Nullable SessionPlan only, String path, Instant earliest, Instant latest) {
    for (Written written : byText.getOrDefault(stripped(text), List.of())) {
      if (written.at.isAfter(latest) || written.used) {
        continue;
      }
      if (written.at.isBefore(earliest)) {
        break;
      }
      if ((only != null && written.session != only) || !written.path.equals(path)) {
        continue;
      }
      written.used = true;
      return written;
    }
    return null;
  }

  private static boolean trivial(String text) {
    return LineHash.isTrivial(LineHash.of(text));
  }

  /** A line as line provenance compares it: without trailing white space. */
  static String stripped(String text) {
    return text.stripTrailing();
  }
}
