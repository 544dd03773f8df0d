package dev.goodhart.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.FileCheckpoint;
import dev.goodhart.model.ImportBatch;
import dev.goodhart.model.ImportTransaction;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.git.AiEvidence;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.CommittedLines;
import dev.goodhart.model.git.LineCredit;
import dev.goodhart.model.git.LineFate;
import dev.goodhart.model.git.LineHash;
import dev.goodhart.model.git.PrintedCommit;
import dev.goodhart.model.git.ProvenanceResult;
import dev.goodhart.model.git.RepositoryRef;
import dev.goodhart.model.git.RepositoryScan;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Store} must do, whatever engine is behind it. An implementation's test extends
 * this class and says how to open its store in a folder.
 */
public abstract class StoreConformanceTest {
  protected static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  @TempDir protected Path folder;
  protected Store store;

  protected abstract Store open(Path folder);

  @BeforeEach
  void openStore() {
    store = open(folder);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected static UsageEvent event(
      String source,
      String key,
      @Nullable String group,
      boolean sidechain,
      Instant at,
      String session,
      String model,
      TokenCounts tokens,
      @Nullable BigDecimal cost) {
    return new UsageEvent(
        source,
        key,
        group,
        sidechain,
        at,
        session,
        "proj",
        "/work/proj",
        "main",
        "m1",
        "anthropic",
        model,
        false,
        tokens,
        cost);
  }

  protected static UsageEvent simple(String key, Instant at, long input) {
    return event(
        "claude",
        key,
        null,
        false,
        at,
        "s1",
        "claude-sonnet-4-5",
        TokenCounts.of(input, 1, 0, 0),
        null);
  }

  protected static ImportBatch batch(UsageEvent... events) {
    return new ImportBatch(List.of(events), List.of());
  }

  protected TokenCounts countedTotal() {
    TokenCounts sum = TokenCounts.ZERO;
    for (UsageAggregate aggregate : store.usageBySlot(UsageFilter.ALL, Duration.ofMinutes(15))) {
      sum = sum.plus(aggregate.tokens());
    }
    return sum;
  }

  @Test
  void keepsEachSessionSignalOnceWhateverTimesItIsRead() {
    SessionSignal.Context at =
        new SessionSignal.Context("claude", "s-1", "m-1", T0, "/w/a", "main", null);
    List<SessionSignal> signals =
        List.of(
            SessionSignal.prompt(at, "p:1", "add the parser"),
            SessionSignal.edit(at, "e:toolu_1", 12),
            SessionSignal.commit(at, "c:toolu_2:1a2b3c4", "1a2b3c4", "main"));
    for (int i = 0; i < 2; i++) {
      try (ImportTransaction transaction = store.beginImport()) {
        transaction.addSignals(signals);
        transaction.addSignals(signals.subList(0, 1));
        transaction.commit();
      }
    }

    List<SessionSignal> stored = store.signals();

    assertEquals(3, stored.size());
    assertEquals(
        List.of(SessionSignal.Kind.PROMPT, SessionSignal.Kind.COMMIT, SessionSignal.Kind.EDIT),
        stored.stream().map(SessionSignal::kind).sorted().toList());
    SessionSignal commit =
        stored.stream()
            .filter(s -> s.kind() == SessionSignal.Kind.COMMIT)
            .findFirst()
            .orElseThrow();
    assertEquals("1a2b3c4", commit.commitRef());
    assertEquals("main", commit.commitBranch());
    assertEquals(T0, commit.timestamp());
    assertEquals("/w/a", commit.cwd());
    SessionSignal prompt =
        stored.stream()
            .filter(s -> s.kind() == SessionSignal.Kind.PROMPT)
            .findFirst()
            .orElseThrow();
    assertEquals(SessionSignal.promptHash("Add the  parser"), prompt.textHash());
    assertEquals(14, prompt.textLength());
  }

  @Test
  void sumsCommittedEventsPerSlot() {
    store.commit(
        batch(
            simple("a", T0, 100),
            simple("b", T0.plusSeconds(60), 200),
            simple("c", T0.plusSeconds(3600), 5)));

    List<UsageAggregate> slots = store.usageBySlot(UsageFilter.ALL, Duration.ofMinutes(15));

    assertEquals(2, slots.size());
    assertEquals(T0, slots.get(0).slot());
    assertEquals(300, slots.get(0).tokens().input());
    assertEquals(2, slots.get(0).requests());
    assertEquals(T0.plusSeconds(60), slots.get(0).last());
    assertEquals(T0.plusSeconds(3600), slots.get(1).slot());
    assertEquals(5, slots.get(1).tokens().input());
  }

  @Test
  void committingTheSameEventsAgainChangesNothing() {
    ImportBatch batch = batch(simple("a", T0, 100), simple("b", T0, 200));
    store.commit(batch);
    store.commit(batch);

    assertEquals(300, countedTotal().input());
    assertEquals(2, store.statistics().events());
  }

  @Test
  void keepsTheCopyWithMoreTokensWhicheverArrivesFirst() {
    store.commit(batch(simple("a", T0, 10), simple("b", T0, 500)));
    store.commit(batch(simple("a", T0, 500), simple("b", T0, 10)));

    assertEquals(1000, countedTotal().input());
    assertEquals(2, store.statistics().events());
  }

  @Test
  void copiesOfOneKeyInOneBatchAreStoredOnce() {
    store.commit(batch(simple("a", T0, 10), simple("a", T0, 70), simple("a", T0, 30)));

    assertEquals(70, countedTotal().input());
  }

  @Test
  void aSidechainReplayIsNotCountedBesideItsOriginal() {
    TokenCounts tokens = TokenCounts.of(100, 10, 0, 0);
    UsageEvent main = event("claude", "m1|r1", "m1", false, T0, "s", "x", tokens, null);
    UsageEvent replay =
        event("claude", "m1|r2", "m1", true, T0.plusSeconds(1), "s", "x", tokens, null);

    store.commit(batch(replay));
    assertEquals(100, countedTotal().input(), "alone, the replay is the only copy and counts");

    store.commit(batch(main));
    assertEquals(
        100, countedTotal().input(), "once the original arrives, the replay stops counting");
    assertEquals(2, store.statistics().events());
    assertEquals(1, store.statistics().countedEvents());
  }

  @Test
  void twoNonSidechainRequestsOfOneMessageBothCount() {
    TokenCounts tokens = TokenCounts.of(100, 10, 0, 0);
    store.commit(
        batch(
            event("claude", "m1|r1", "m1", false, T0, "s", "x", tokens, null),
            event("claude", "m1|r2", "m1", false, T0, "s", "x", tokens, null)));

    assertEquals(200, countedTotal().input());
  }

  @Test
  void ofSidechainCopiesOnlyTheLargestCounts() {
    store.commit(
        batch(
            event("claude", "m1|r1", "m1", true, T0, "s", "x", TokenCounts.of(5, 0, 0, 0), null),
            event("claude", "m1|r2", "m1", true, T0, "s", "x", TokenCounts.of(7, 0, 0, 0), null),
            event("claude", "m1|r3", "m1", true, T0, "s", "x", TokenCounts.of(6, 0, 0, 0), null)));

    assertEquals(7, countedTotal().input());
  }

  @Test
  void groupsOfDifferentSourcesNeverMerge() {
    TokenCounts tokens = TokenCounts.of(100, 0, 0, 0);
    store.commit(
        batch(
            event("claude", "k", "g", true, T0, "s", "x", tokens, null),
            event("other", "k", "g", false, T0, "s", "x", tokens, null)));

    assertEquals(200, countedTotal().input());
  }

  @Test
  void filtersByTimeSourceAndProject() {
    store.commit(
        batch(
            simple("a", T0, 1),
            simple("b", T0.plusSeconds(86_400), 10),
            event(
                "codex", "c", null, false, T0, "s2", "gpt-5", TokenCounts.of(100, 0, 0, 0), null)));

    assertEquals(11, sum(new UsageFilter(null, null, List.of("claude"), null)).input());
    assertEquals(101, sum(new UsageFilter(T0, T0.plusSeconds(60), List.of(), null)).input());
    assertEquals(10, sum(new UsageFilter(T0.plusSeconds(60), null, List.of(), null)).input());
    assertEquals(111, sum(new UsageFilter(null, null, List.of(), "proj")).input());
    assertEquals(111, sum(new UsageFilter(null, null, List.of(), "/work/proj")).input());
    assertEquals(0, sum(new UsageFilter(null, null, List.of(), "other")).input());
  }

  private TokenCounts sum(UsageFilter filter) {
    TokenCounts sum = TokenCounts.ZERO;
    for (UsageAggregate aggregate : store.usageBySlot(filter, Duration.ofDays(1))) {
      sum = sum.plus(aggregate.tokens());
    }
    return sum;
  }

  @Test
  void separatesWhatPricesDifferently() {
    TokenCounts small = TokenCounts.of(1_000, 10, 0, 0);
    TokenCounts large = TokenCounts.of(150_000, 10, 60_000, 0);
    store.commit(
        batch(
            event("claude", "a", null, false, T0, "s", "x", small, null),
            event("claude", "b", null, false, T0, "s", "x", large, null),
            event(
                "claude",
                "c",
                null,
                false,
                T0,
                "s",
                "x",
                small,
                new BigDecimal("0.123456789012345678"))));

    List<UsageAggregate> slots = store.usageBySlot(UsageFilter.ALL, Duration.ofHours(1));

    assertEquals(3, slots.size());
    UsageAggregate longContext =
        slots.stream().filter(UsageAggregate::longContext).findFirst().orElseThrow();
    assertEquals(150_000, longContext.tokens().input());
    UsageAggregate reported =
        slots.stream().filter(UsageAggregate::costReported).findFirst().orElseThrow();
    assertEquals(new BigDecimal("0.123456789012345678"), reported.reportedCost());
  }

  @Test
  void namesEachMachineWithCountedUsageOnce() {
    UsageEvent first =
        event("claude", "a", null, false, T0, "s1", "x", TokenCounts.of(1, 0, 0, 0), null);
    UsageEvent again =
        event("claude", "b", null, false, T0, "s2", "x", TokenCounts.of(2, 0, 0, 0), null);
    UsageEvent other =
        new UsageEvent(
            "codex",
            "c",
            null,
            false,
            T0,
            "s3",
            null,
            null,
            null,
            "m2",
            "openai",
            "gpt-5",
            false,
            TokenCounts.of(3, 0, 0, 0),
            null);
    store.commit(batch(first, again, other));

    assertEquals(List.of("m1", "m2"), store.usageMachineIds());
  }

  @Test
  void sumsPerSessionWithItsPlace() {
    store.commit(
        batch(
            event("claude", "a", null, false, T0, "s1", "x", TokenCounts.of(1, 0, 0, 0), null),
            event(
                "claude",
                "b",
                null,
                false,
                T0.plusSeconds(5),
                "s1",
                "x",
                TokenCounts.of(2, 0, 0, 0),
                null),
            event("claude", "c", null, false, T0, "s2", "x", TokenCounts.of(4, 0, 0, 0), null)));

    List<UsageAggregate> sessions = store.usageBySession(UsageFilter.ALL);

    assertEquals(2, sessions.size());
    UsageAggregate first = sessions.get(0);
    assertEquals("s1", first.sessionId());
    assertEquals(3, first.tokens().input());
    assertEquals(T0, first.first());
    assertEquals(T0.plusSeconds(5), first.last());
    assertEquals("proj", first.project());
    assertEquals("main", first.gitBranch());
  }

  @Test
  void keepsAnyTextALogHoldsAndMicrosecondTimes() {
    String awkward = "a \"quoted\", comma\nline \\N é\u0000→";
    Instant at = Instant.parse("2026-03-01T09:00:00.123456789Z");
    store.commit(
        batch(
            new UsageEvent(
                "claude",
                awkward,
                awkward,
                false,
                at,
                awkward,
                null,
                awkward,
                "\\N",
                "m1",
                null,
                awkward,
                true,
                TokenCounts.of(1, 2, 3, 4),
                new BigDecimal("0.000000000000000001"))));

    UsageAggregate session = store.usageBySession(UsageFilter.ALL).getFirst();
    assertEquals(awkward, session.sessionId());
    assertEquals(awkward, session.model());
    assertEquals(awkward, session.cwd());
    assertEquals("\\N", session.gitBranch(), "the text \\N is no NULL");
    assertEquals(null, session.project());
    assertEquals(Instant.parse("2026-03-01T09:00:00.123456Z"), session.first());
    assertEquals(new BigDecimal("0.000000000000000001"), session.reportedCost());
    store.commit(batch(simple(awkward, at, 1)));
    assertEquals(1, store.statistics().events(), "the same key: stored once");
  }

  @Test
  void aScanReplacesTheRepositorysCommitsAndKeepsEveryField() {
    RepositoryRef repository = new RepositoryRef("r1", "/work/repo", null, "main", "b".repeat(40));
    CommitFact root =
        new CommitFact(
            "r1",
            "a".repeat(40),
            List.of(),
            "",
            "p_0123456789abcdef",
            T0,
            T0.plusSeconds(60),
            "first, \"quoted\" subject",
            true,
            10,
            0,
            null,
            List.of(),
            List.of(),
            null,
            null,
            new LineFate(10, 10, 7, 0, 9L, 8L, null, 1L, new int[] {0, 40}, new long[] {1, 2}));
    CommitFact merge =
        new CommitFact(
            "r1",
            "b".repeat(40),
            List.of("a".repeat(40), "c".repeat(40)),
            "",
            "p_fedcba9876543210",
            T0.plusSeconds(120),
            T0.plusSeconds(180),
            "Merge pull request #7 from o/b",
            true,
            3,
            1,
            "claude-code",
            List.of(
                new AiEvidence(
                    "co-author-trailer", "Co-Authored-By: Claude <noreply@anthropic.com>", 0.9),
                new AiEvidence("generated-marker", "", 0.8)),
            List.of("https://claude.ai/code/session_1"),
            7,
            "d".repeat(40),
            new LineFate(3, 0, 0, 0, null, null, null, null, new int[0], new long[0]));
    store.replaceScan(new RepositoryScan(repository, T0, "v1", List.of(root, merge)));

    assertEquals(List.of(root, merge), store.commits("r1"));
    assertEquals(2, store.lastScan("r1").orElseThrow().commits());

    store.replaceScan(new RepositoryScan(repository, T0.plusSeconds(5), "v1", List.of(root)));
    assertEquals(List.of(root), store.commits("r1"), "a new scan replaces the old one");
    assertEquals(
        List.of("r1"), store.repositories().stream().map(r -> r.repository().id()).toList());
  }

  @Test
  void keepsTheLinesAnEditWroteAsHashesWithItsFile() {
    SessionSignal.Context at =
        new SessionSignal.Context("claude", "s-1", "m-1", T0, "/w/a", "main", null);
    long[] hashes = LineHash.ofText("def f():\n    return 1\n\n");
    try (ImportTransaction transaction = store.beginImport()) {
      transaction.addSignals(
          List.of(
              SessionSignal.edit(at, "e:1", "src/f.py", hashes),
              SessionSignal.edit(at.withTimestamp(T0.minusSeconds(60)), "e:0", 4)));
      transaction.commit();
    }

    SessionSignal edit =
        store.signals().stream().filter(s -> s.filePath() != null).findFirst().orElseThrow();
    assertEquals("/w/a/src/f.py", edit.filePath());
    assertEquals(3, edit.lines());
    assertEquals(0, edit.lineHashCount(), "signals leave the hashes to writtenLines");
    List<SessionSignal> written = new ArrayList<>();
    store.writtenLines(written::add);
    assertEquals(1, written.size(), "an edit known only by its count has no lines");
    assertEquals("/w/a/src/f.py", written.getFirst().filePath());
    assertEquals(List.of(hashes[0], hashes[1], hashes[2]), boxed(written.getFirst().lineHashes()));
    assertEquals(1, store.sessionsWithWrittenLines().size());
    String before = store.writtenLinesFingerprint();
    try (ImportTransaction transaction = store.beginImport()) {
      transaction.addSignals(
          List.of(SessionSignal.edit(at.withTimestamp(T0.plusSeconds(5)), "e:2", "g.py", hashes)));
      transaction.commit();
    }
    assertTrue(!before.equals(store.writtenLinesFingerprint()), "a new edit changes it");
    assertEquals(
        Optional.of(T0), store.firstWrittenLine(), "an edit known only by its count has no lines");
  }

  @Test
  void aScanKeepsItsCommitsLinesAndReplacesThem() {
    RepositoryRef repository = new RepositoryRef("r1", "/work/repo", null, "main", "b".repeat(40));
    CommitFact first = commit("a".repeat(40), T0);
    CommitFact second = commit("b".repeat(40), T0.plusSeconds(60));
    CommittedLines lines =
        new CommittedLines(
            "b".repeat(40),
            "src/f.py",
            "f.py",
            new int[] {0, 4},
            new long[] {Long.MIN_VALUE, 42},
            new long[] {T0.getEpochSecond(), CommittedLines.NEVER},
            new long[] {CommittedLines.NEVER, CommittedLines.NEVER});
    CommittedLines earlier =
        new CommittedLines(
            "a".repeat(40),
            "g.py",
            null,
            new int[] {1},
            new long[] {7},
            new long[] {1},
            new long[] {9},
            new long[] {0, 2, 5}); // away from the branch between 2 and 5
    store.replaceScan(
        new RepositoryScan(
            repository, T0, "v1", List.of(first, second), T0, List.of(lines, earlier)));

    List<CommittedLines> read = new ArrayList<>();
    store.commitLines("r1", read::add);
    assertEquals(List.of(earlier, lines), read, "in the order of the commits' times");
    assertEquals(T0, store.lastScan("r1").orElseThrow().linesSince());

    store.replaceScan(new RepositoryScan(repository, T0, "v1", List.of(first)));
    read.clear();
    store.commitLines("r1", read::add);
    assertEquals(List.of(), read, "a new scan replaces the lines");
    assertEquals(null, store.lastScan("r1").orElseThrow().linesSince());
  }

  @Test
  void keepsLineProvenancesResultsUnderTheirFingerprint() {
    ProvenanceResult result =
        new ProvenanceResult(
            "f1",
            List.of(new LineCredit("claude\u0000s1", "r1", "a".repeat(40), 10, 8, 10, 7, 9)),
            Map.of("r1", Map.of("a".repeat(40), 12, "b".repeat(40), 0)));
    store.saveProvenance(result);

    assertEquals(Optional.of(result), store.provenance("f1"));
    assertEquals(Optional.empty(), store.provenance("f2"), "another fingerprint: stale");

    ProvenanceResult next = new ProvenanceResult("f2", List.of(), Map.of());
    store.saveProvenance(next);
    assertEquals(Optional.empty(), store.provenance("f1"), "replaced");
    assertEquals(Optional.of(next), store.provenance("f2"));
  }

  @Test
  void keepsPrintedCommitsAndPatchIds() {
    PrintedCommit found =
        new PrintedCommit("r1", "1a2b3c4", "1a2b3c4" + "0".repeat(33), false, "p1", T0, T0);
    PrintedCommit missing = new PrintedCommit("r1", "dead000", null, false, null, null, T0);
    store.savePrintedCommits(List.of(found, missing));
    PrintedCommit later =
        new PrintedCommit(
            "r1", "dead000", "dead000" + "1".repeat(33), true, null, T0, T0.plusSeconds(9));
    PrintedCommit between = new PrintedCommit("r1", "dead000", null, false, null, null, T0);
    store.savePrintedCommits(List.of(between, later)); // one ref twice: the later one holds

    assertEquals(List.of(found, later), store.printedCommits("r1"));
    assertEquals(List.of(), store.printedCommits("r2"));

    store.savePatchIds("r1", Map.of("a".repeat(40), "pa", "b".repeat(40), "pb"));
    store.savePatchIds("r1", Map.of("a".repeat(40), "pa2"));
    assertEquals(Map.of("a".repeat(40), "pa2", "b".repeat(40), "pb"), store.patchIds("r1"));
  }

  private static CommitFact commit(String sha, Instant at) {
    return new CommitFact(
        "r1",
        sha,
        List.of(),
        "",
        "p_0",
        at,
        at,
        "s",
        true,
        1,
        0,
        null,
        List.of(),
        List.of(),
        null,
        null,
        new LineFate(1, 1, 1, 0, null, null, null, null, new int[0], new long[0]));
  }

  private static List<Long> boxed(long[] values) {
    List<Long> list = new ArrayList<>();
    for (long value : values) {
      list.add(value);
    }
    return list;
  }

  @Test
  void scansCountedEventsInTimeOrderPerSource() {
    store.commit(
        batch(
            simple("late", T0.plusSeconds(10), 2),
            simple("early", T0, 1),
            event(
                "codex",
                "x",
                null,
                false,
                T0.minusSeconds(10),
                "s",
                "gpt-5",
                TokenCounts.of(3, 0, 0, 0),
                null)));

    List<CountedEvent> events = new ArrayList<>();
    store.scanEvents(UsageFilter.ALL, events::add);

    assertEquals(
        List.of("claude", "claude", "codex"), events.stream().map(CountedEvent::source).toList());
    assertEquals(List.of(1L, 2L, 3L), events.stream().map(e -> e.tokens().input()).toList());
  }

  @Test
  void checkpointsRoundTripAndAdvance() {
    FileCheckpoint first =
        new FileCheckpoint("claude", "m1", "/a/b.jsonl", 10, 1000, 10, 2, 42, "");
    store.commit(new ImportBatch(List.of(), List.of(first)));
    FileCheckpoint second =
        new FileCheckpoint("claude", "m1", "/a/b.jsonl", 30, 2000, 25, 5, 43, "{\"x\":\"y\"}");
    store.commit(new ImportBatch(List.of(simple("a", T0, 1)), List.of(second)));

    Map<String, FileCheckpoint> checkpoints = store.checkpoints("m1");

    assertEquals(Map.of("/a/b.jsonl", second), checkpoints);
    assertTrue(store.checkpoints("m2").isEmpty());
  }

  @Test
  void machinesHaveLabels() {
    store.registerMachine("abc", "laptop");
    store.registerMachine("abc", "laptop-2");
    store.registerMachine("def", "desktop");

    assertEquals(Map.of("abc", "laptop-2", "def", "desktop"), store.machines());
  }

  @Test
  void factsSurviveReopening() {
    store.commit(batch(simple("a", T0, 100)));
    store.close();
    store = open(folder);

    assertEquals(100, countedTotal().input());
  }
}
