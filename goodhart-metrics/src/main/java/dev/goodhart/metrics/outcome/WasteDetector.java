package dev.goodhart.metrics.outcome;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the waste signals of DESIGN.md in sessions, each with the evidence a reader can check. The
 * thresholds are deliberately plain so that a flagged session is obviously worth a look:
 *
 * <ul>
 *   <li>discarded: at least {@link #MIN_COST} spent, no linked commit on the default branch, and
 *       over for an hour (a session still running has not discarded anything yet);
 *   <li>loop: one prompt of {@link #LOOP_MIN_LENGTH}+ characters sent {@link #LOOP_REPEATS} times
 *       or more ("continue" and "yes" are how people steer, not loops);
 *   <li>context bloat: {@link #BLOAT_CALLS}+ requests averaging {@link #BLOAT_CONTEXT}+ context
 *       tokens and at most {@link #BLOAT_OUTPUT} output tokens (an agent at work writes more);
 *   <li>unattended: {@link #UNATTENDED_CALLS}+ requests over {@link #UNATTENDED_RUN}+ with at most
 *       one prompt, and nothing shipped;
 *   <li>parallel: a session of the same person (or machine) on the same repository and branch
 *       overlapping it by {@link #PARALLEL_OVERLAP}+ shipped, this one shipped nothing.
 * </ul>
 */
final class WasteDetector {
  static final BigDecimal MIN_COST = new BigDecimal("0.05");
  static final Duration SETTLED = Duration.ofHours(1);
  static final int LOOP_REPEATS = 4;
  static final int LOOP_MIN_LENGTH = 16;
  static final int BLOAT_CALLS = 10;
  static final long BLOAT_CONTEXT = 120_000;
  static final long BLOAT_OUTPUT = 100;
  static final int UNATTENDED_CALLS = 30;
  static final Duration UNATTENDED_RUN = Duration.ofMinutes(30);
  static final Duration PARALLEL_OVERLAP = Duration.ofMinutes(1);

  private WasteDetector() {}

  /** What the detector needs of a session. */
  record Session(
      String key,
      String sessionId,
      SessionSpend spend,
      SessionWork work,
      String owner,
      @org.jspecify.annotations.Nullable String repositoryId,
      @org.jspecify.annotations.Nullable String branch,
      Instant start,
      Instant end,
      int linkedCommits,
      int shippedCommits) {}

  static Map<String, List<WasteSignal>> detect(List<Session> sessions, Instant now) {
    Map<String, List<WasteSignal>> waste = new LinkedHashMap<>();
    for (Session session : sessions) {
      List<WasteSignal> found = new ArrayList<>();
      discarded(session, now, found);
      loop(session, found);
      contextBloat(session, found);
      unattended(session, found);
      waste.put(session.key(), found);
    }
    parallel(sessions, waste);
    return waste;
  }

  private static void discarded(Session s, Instant now, List<WasteSignal> found) {
    if (s.linkedCommits() == 0
        && s.spend().cost().compareTo(MIN_COST) >= 0
        && s.end().plus(SETTLED).isBefore(now)) {
      found.add(
          new WasteSignal(
              WasteSignal.Kind.DISCARDED,
              "$%s over %d requests, %d lines edited, no commit linked"
                  .formatted(
                      dollars(s.spend().cost()), s.spend().apiCalls(), s.work().linesWritten())));
    }
  }

  private static void loop(Session s, List<WasteSignal> found) {
    Map<String, Integer> counts = new HashMap<>();
    for (SessionWork.Prompt prompt : s.work().prompts()) {
      if (prompt.length() >= LOOP_MIN_LENGTH) {
        counts.merge(prompt.hash(), 1, Integer::sum);
      }
    }
    int most = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    if (most >= LOOP_REPEATS) {
      found.add(
          new WasteSignal(
              WasteSignal.Kind.LOOP,
              "the same prompt sent %d times (of %d prompts)"
                  .formatted(most, s.work().prompts().size())));
    }
  }

  private static void contextBloat(Session s, List<WasteSignal> found) {
    SessionSpend spend = s.spend();
    if (spend.apiCalls() < BLOAT_CALLS || spend.contextTokens() == 0) {
      return;
    }
    long average = spend.contextTokens() / spend.apiCalls();
    long output = spend.outputTokens() / spend.apiCalls();
    if (average >= BLOAT_CONTEXT && output <= BLOAT_OUTPUT) {
      found.add(
          new WasteSignal(
              WasteSignal.Kind.CONTEXT_BLOAT,
              "%,d context tokens per request over %d requests for %,d output tokens each"
                  .formatted(average, spend.apiCalls(), output)));
    }
  }

  private static void unattended(Session s, List<WasteSignal> found) {
    Duration run = Duration.between(s.start(), s.end());
    if (s.spend().apiCalls() >= UNATTENDED_CALLS
        && run.compareTo(UNATTENDED_RUN) >= 0
        && s.work().prompts().size() <= 1
        && s.shippedCommits() == 0) {
      found.add(
          new WasteSignal(
              WasteSignal.Kind.UNATTENDED,
              "%d requests over %d minutes after %d prompt(s), nothing shipped"
                  .formatted(s.spend().apiCalls(), run.toMinutes(), s.work().prompts().size())));
    }
  }

  /**
   * Compares each idle session with the shipping sessions of its own person, repository and branch
   * only, in the order given (the first that overlaps is named): comparing every pair took a minute
   * for 100,000 sessions in 20 repositories, and only those pairs can match.
   */
  private static void parallel(List<Session> sessions, Map<String, List<WasteSignal>> waste) {
    Map<List<Object>, List<Session>> shippingAlike = new HashMap<>();
    for (Session s : sessions) {
      if (s.shippedCommits() > 0 && s.repositoryId() != null) {
        shippingAlike.computeIfAbsent(alike(s), k -> new ArrayList<>()).add(s);
      }
    }
    for (Session idle : sessions) {
      if (idle.shippedCommits() > 0 || idle.repositoryId() == null) {
        continue;
      }
      for (Session other : shippingAlike.getOrDefault(alike(idle), List.of())) {
        Instant from = idle.start().isAfter(other.start()) ? idle.start() : other.start();
        Instant to = idle.end().isBefore(other.end()) ? idle.end() : other.end();
        Duration overlap = Duration.between(from, to);
        if (overlap.compareTo(PARALLEL_OVERLAP) >= 0) {
          waste
              .get(idle.key())
              .add(
                  new WasteSignal(
                      WasteSignal.Kind.PARALLEL,
                      "ran %d minutes alongside session %s on branch %s, which shipped %d commit(s); this one shipped none"
                          .formatted(
                              overlap.toMinutes(),
                              other.sessionId(),
                              other.branch(),
                              other.shippedCommits())));
          break;
        }
      }
    }
  }

  /** What two sessions share to run in parallel: person (or machine), repository, branch. */
  private static List<Object> alike(Session s) {
    return java.util.Arrays.asList(s.owner(), s.repositoryId(), s.branch());
  }

  private static String dollars(BigDecimal cost) {
    return cost.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
  }
}
