package dev.goodhart.git.fate;

import dev.goodhart.git.history.FileChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The lines on the branch: for each state of the first-parent chain, how many lines each commit
 * owns there. A step from one state to the next changes only the files the step's commit changed
 * against its first parent; the difference in each owner's count is lines entering the branch
 * (shipped) or leaving it (dead). Questions of the kind "how many of commit C's lines were there N
 * days after C" are registered when C is walked and answered when the walk reaches that state.
 */
final class ChainLedger {
  private static final int[] HORIZON_DAYS = {7, 30, 90};
  private static final long REWORK_SECONDS = Duration.ofDays(21).toSeconds();
  private static final long DAY = Duration.ofDays(1).toSeconds();
  private static final long UNKNOWN = -1;

  private final FirstParentChain chain;
  private final long now;
  private final TrackedLines tracked;
  private int reached = -1;
  private long[] committedAt = new long[1024];
  private long[] onBranch = new long[1024];
  private long[] aiOnBranch = new long[1024];
  private long[] shipped = new long[1024];
  private long[] reworked = new long[1024];
  private long[][] alive = new long[HORIZON_DAYS.length][1024];
  private final Map<Integer, List<int[]>> questions = new HashMap<>();
  private final Map<Integer, TreeMap<Integer, Long>> deaths = new HashMap<>();

  /** Per owner, the change in lines of the step being applied; {@code touched} lists the owners. */
  private long[] delta = new long[1024];

  private long[] aiDelta = new long[1024];
  private int[] touched = new int[1024];
  private int touchedCount;
  private boolean[] isTouched = new boolean[1024];

  /** What a ledger knows after a walk, for the next walk to go on from. */
  record State(
      int commits,
      long[] committedAt,
      long[] onBranch,
      long[] aiOnBranch,
      long[] shipped,
      long[] reworked,
      long[][] alive,
      Map<Integer, TreeMap<Integer, Long>> deaths) {}

  State state(int commits) {
    ensure(commits);
    long[][] answers = new long[alive.length][];
    for (int h = 0; h < alive.length; h++) {
      answers[h] = Arrays.copyOf(alive[h], commits);
    }
    Map<Integer, TreeMap<Integer, Long>> died = new HashMap<>();
    deaths.forEach((owner, days) -> died.put(owner, new TreeMap<>(days)));
    return new State(
        commits,
        Arrays.copyOf(committedAt, commits),
        Arrays.copyOf(onBranch, commits),
        Arrays.copyOf(aiOnBranch, commits),
        Arrays.copyOf(shipped, commits),
        Arrays.copyOf(reworked, commits),
        answers,
        died);
  }

  /**
   * A ledger that goes on from {@code state}, reached at {@code head} of the (now longer) chain.
   * Questions that were not answerable then are asked again: a moment that has passed since is
   * answered by the head's counts when no newer state was reached by then, else when the walk gets
   * there.
   */
  static ChainLedger resume(
      State state, FirstParentChain chain, String head, Instant now, TrackedLines tracked) {
    ChainLedger ledger = new ChainLedger(chain, now, tracked);
    ledger.ensure(state.commits());
    System.arraycopy(state.committedAt(), 0, ledger.committedAt, 0, state.commits());
    System.arraycopy(state.onBranch(), 0, ledger.onBranch, 0, state.commits());
    System.arraycopy(state.aiOnBranch(), 0, ledger.aiOnBranch, 0, state.commits());
    System.arraycopy(state.shipped(), 0, ledger.shipped, 0, state.commits());
    System.arraycopy(state.reworked(), 0, ledger.reworked, 0, state.commits());
    state.deaths().forEach((owner, days) -> ledger.deaths.put(owner, new TreeMap<>(days)));
    ledger.reached = chain.position(head);
    for (int h = 0; h < HORIZON_DAYS.length; h++) {
      System.arraycopy(state.alive()[h], 0, ledger.alive[h], 0, state.commits());
      for (int owner = 0; owner < state.commits(); owner++) {
        long moment = ledger.committedAt[owner] + HORIZON_DAYS[h] * DAY;
        if (moment > ledger.now) {
          ledger.alive[h][owner] = UNKNOWN;
          continue;
        }
        int target = chain.stateAt(moment);
        if (target > ledger.reached) {
          // A state newer than the earlier head was reached by then: its count is the answer,
          // whatever the earlier walk, which knew only the earlier head, said.
          ledger
              .questions
              .computeIfAbsent(target, s -> new ArrayList<>())
              .add(new int[] {owner, h});
        } else if (ledger.alive[h][owner] == UNKNOWN) {
          ledger.alive[h][owner] = target < 0 ? 0 : ledger.onBranch[owner];
        }
      }
    }
    return ledger;
  }

  ChainLedger(FirstParentChain chain, Instant now, TrackedLines tracked) {
    this.chain = chain;
    this.now = now.getEpochSecond();
    this.tracked = tracked;
  }

  /**
   * Applies one chain commit's changes against its first parent.
   *
   * @param fromHunks whether the commit has one parent, so that each changed file was made from its
   *     previous version by the change's hunks
   */
  void step(
      String sha,
      int index,
      Instant time,
      List<FileChange> changes,
      Map<String, FileLines> before,
      List<@Nullable FileLines> after,
      boolean fromHunks) {
    ensure(index);
    committedAt[index] = time.getEpochSecond();
    int position = chain.position(sha);
    long stateTime = chain.seconds(position);
    touchedCount = 0;
    for (int i = 0; i < changes.size(); i++) {
      FileChange change = changes.get(i);
      FileLines old = change.oldPath() == null ? null : before.get(change.oldPath());
      FileLines now = after.get(i);
      if (old == now) {
        continue;
      }
      count(old, -1);
      count(now, +1);
    }
    for (int t = 0; t < touchedCount; t++) {
      int owner = touched[t];
      long change = delta[owner];
      onBranch[owner] += change;
      aiOnBranch[owner] += aiDelta[owner];
      delta[owner] = 0;
      aiDelta[owner] = 0;
      isTouched[owner] = false;
      if (change > 0) {
        shipped[owner] += change;
      } else if (change < 0) {
        long died = -change;
        long age = Math.max(0, stateTime - committedAt[owner]);
        deaths
            .computeIfAbsent(owner, o -> new TreeMap<>())
            .merge((int) (age / DAY), died, Long::sum);
        if (age <= REWORK_SECONDS) {
          reworked[owner] += died;
        }
      }
    }
    tracked.step(changes, before, after, fromHunks, stateTime);
    reached = position;
    for (int[] question : questions.getOrDefault(position, List.of())) {
      alive[question[1]][question[0]] = onBranch[question[0]];
    }
    questions.remove(position);
  }

  /** Registers commit {@code index}'s questions about its lines 7, 30 and 90 days on. */
  void registerQueries(int index, Instant time) {
    ensure(index);
    committedAt[index] = time.getEpochSecond();
    for (int h = 0; h < HORIZON_DAYS.length; h++) {
      long moment = committedAt[index] + HORIZON_DAYS[h] * DAY;
      int state = chain.stateAt(moment);
      if (moment > now) {
        alive[h][index] = UNKNOWN;
      } else if (state < 0 || state <= reached) {
        // The branch did not exist yet, or was in a state made before this commit: not an
        // ancestor of it, so none of its lines.
        alive[h][index] = 0;
      } else {
        questions.computeIfAbsent(state, s -> new ArrayList<>()).add(new int[] {index, h});
      }
    }
  }

  private void count(@Nullable FileLines lines, int sign) {
    if (lines == null) {
      return;
    }
    for (int token : lines.tokens()) {
      int owner = FileLines.owner(token);
      if (!isTouched[owner]) {
        isTouched[owner] = true;
        touched[touchedCount++] = owner;
      }
      delta[owner] += sign;
      if (FileLines.isAi(token)) {
        aiDelta[owner] += sign;
      }
    }
  }

  LineFateResult result(
      List<String> shas,
      long[] written,
      long[] aiWritten,
      List<dev.goodhart.model.git.CommittedLines> lines) {
    ensure(shas.size());
    Map<String, CommitLines> commits = new HashMap<>();
    for (int i = 0; i < shas.size(); i++) {
      boolean reworkKnown = committedAt[i] + REWORK_SECONDS <= now;
      TreeMap<Integer, Long> died = deaths.getOrDefault(i, new TreeMap<>());
      int[] days = new int[died.size()];
      long[] counts = new long[died.size()];
      int k = 0;
      for (Map.Entry<Integer, Long> entry : died.entrySet()) {
        days[k] = entry.getKey();
        counts[k++] = entry.getValue();
      }
      commits.put(
          shas.get(i),
          new CommitLines(
              written[i],
              aiWritten[i],
              shipped[i],
              onBranch[i],
              aiOnBranch[i],
              known(alive[0][i]),
              known(alive[1][i]),
              known(alive[2][i]),
              reworkKnown ? reworked[i] : null,
              days,
              counts));
    }
    return new LineFateResult(commits, lines);
  }

  private static @Nullable Long known(long value) {
    return value == UNKNOWN ? null : value;
  }

  private void ensure(int index) {
    if (index < committedAt.length) {
      return;
    }
    int size = Math.max(index + 1, committedAt.length * 2);
    committedAt = Arrays.copyOf(committedAt, size);
    onBranch = Arrays.copyOf(onBranch, size);
    aiOnBranch = Arrays.copyOf(aiOnBranch, size);
    shipped = Arrays.copyOf(shipped, size);
    reworked = Arrays.copyOf(reworked, size);
    delta = Arrays.copyOf(delta, size);
    aiDelta = Arrays.copyOf(aiDelta, size);
    touched = Arrays.copyOf(touched, size);
    isTouched = Arrays.copyOf(isTouched, size);
    for (int h = 0; h < alive.length; h++) {
      alive[h] = Arrays.copyOf(alive[h], size);
    }
  }
}
