package dev.goodhart.metrics.outcome;

import dev.goodhart.model.SessionSignal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one session's log shows it did, from its signals: the prompts a person typed, the lines its
 * edits wrote, the commits its tools printed.
 *
 * @param prompts the prompts' hashes and lengths, in order (repeats show a loop)
 * @param remoteUrl the repository remote the log names, if any
 */
record SessionWork(
    List<Prompt> prompts,
    long linesWritten,
    List<PrintedCommit> commits,
    @Nullable String cwd,
    @Nullable String branch,
    @Nullable String remoteUrl,
    @Nullable Instant first,
    @Nullable Instant last) {

  static final SessionWork NONE =
      new SessionWork(List.of(), 0, List.of(), null, null, null, null, null);

  /** A prompt as the store keeps it: a hash of its normalised text, and its length. */
  record Prompt(String hash, int length) {}

  /** A commit as the session's tool output named it: often an abbreviated sha. */
  record PrintedCommit(String ref, @Nullable String branch, Instant at) {}

  /** The work of every session with signals, by {@link SessionSpend#key()}. */
  static Map<String, SessionWork> bySession(List<SessionSignal> signals) {
    Map<String, List<SessionSignal>> grouped = new LinkedHashMap<>();
    for (SessionSignal signal : signals) {
      grouped
          .computeIfAbsent(
              SessionSpend.key(signal.source(), signal.sessionId()), k -> new ArrayList<>())
          .add(signal);
    }
    Map<String, SessionWork> work = new LinkedHashMap<>();
    grouped.forEach((key, list) -> work.put(key, of(list)));
    return work;
  }

  private static SessionWork of(List<SessionSignal> signals) {
    List<Prompt> prompts = new ArrayList<>();
    List<PrintedCommit> commits = new ArrayList<>();
    long lines = 0;
    String cwd = null;
    String branch = null;
    String remote = null;
    Instant first = null;
    Instant last = null;
    for (SessionSignal signal : signals) {
      switch (signal.kind()) {
        case PROMPT ->
            prompts.add(new Prompt(String.valueOf(signal.textHash()), signal.textLength()));
        case EDIT -> lines += signal.lines();
        case COMMIT ->
            commits.add(
                new PrintedCommit(
                    String.valueOf(signal.commitRef()), signal.commitBranch(), signal.timestamp()));
      }
      cwd = signal.cwd() != null ? signal.cwd() : cwd;
      branch = signal.gitBranch() != null ? signal.gitBranch() : branch;
      remote = signal.repositoryUrl() != null ? signal.repositoryUrl() : remote;
      first = first == null || signal.timestamp().isBefore(first) ? signal.timestamp() : first;
      last = last == null || signal.timestamp().isAfter(last) ? signal.timestamp() : last;
    }
    return new SessionWork(
        List.copyOf(prompts), lines, List.copyOf(commits), cwd, branch, remote, first, last);
  }
}
