package dev.goodhart.store;

import dev.goodhart.model.FileCheckpoint;
import dev.goodhart.model.ImportBatch;
import dev.goodhart.model.ImportTransaction;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.CommitTime;
import dev.goodhart.model.git.CommittedLines;
import dev.goodhart.model.git.PrintedCommit;
import dev.goodhart.model.git.ProvenanceResult;
import dev.goodhart.model.git.RepositoryScan;
import dev.goodhart.model.telemetry.MetricSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The facts goodhart keeps. Every write is idempotent: committing the same events again changes
 * nothing, and two copies of one request (same source and key) are kept once, the one with more
 * tokens. Among events of one de-duplication group, non-sidechain copies are counted and sidechain
 * replays are not; a group with only sidechain copies counts its largest one. Reports see only
 * counted events.
 */
public interface Store extends AutoCloseable {
  /**
   * The sessions of the filter's span and sources that sent metric points and no usage event: the
   * spend of a team that exports only metrics.
   */
  List<MetricSession> metricOnlySessions(UsageFilter filter);

  /** The checkpoints of every file read from one machine's logs, by absolute path. */
  Map<String, FileCheckpoint> checkpoints(String machineId);

  /**
   * Begins an import: events and checkpoints added to the transaction are stored together when it
   * commits, or not at all. Two may be open at once: one filling while the one before it commits on
   * another thread. Commits run one at a time.
   */
  ImportTransaction beginImport();

  /** Stores the batch's events and checkpoints in one transaction: all of it or none. */
  default void commit(ImportBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    try (ImportTransaction transaction = beginImport()) {
      transaction.add(batch.events());
      batch.checkpoints().forEach(transaction::advance);
      transaction.commit();
    }
  }

  /** Records a readable label for a machine id (its host name, or the name given on import). */
  void registerMachine(String machineId, String label);

  /** Machine labels by id. */
  Map<String, String> machines();

  /** Counted usage per UTC time slot of the given length, which must divide a day. */
  List<UsageAggregate> usageBySlot(UsageFilter filter, Duration slot);

  /** Counted usage per session. */
  List<UsageAggregate> usageBySession(UsageFilter filter);

  /**
   * The machine ids of counted usage, each once: who has used an agent, without reading every
   * session (an organisation's store holds hundreds of thousands).
   */
  List<String> usageMachineIds();

  /**
   * Counted usage per session and UTC day ({@code slot} is the day's start), in no set order;
   * {@code cwd} and {@code gitBranch} are the last the group's requests named.
   */
  List<UsageAggregate> usageBySessionDay(UsageFilter filter);

  /**
   * As {@link #usageBySessionDay(UsageFilter)}, each group handed over as it is read, in the order
   * of their last request (ties in a fixed order): a large store's groups need not all be held at
   * once.
   */
  void usageBySessionDay(UsageFilter filter, Consumer<UsageAggregate> consumer);

  /**
   * How many sessions have counted usage on the filter's days (the days its bounds fall in
   * included, whatever its project): a size, for judging whether a computation over them fits.
   */
  long usageSessionCount(UsageFilter filter);

  /** Counted events ordered by source, then time. */
  void scanEvents(UsageFilter filter, Consumer<CountedEvent> consumer);

  /**
   * Every stored session signal (commits, edits, prompts), ordered by session, then time; an edit
   * with its file and the number of lines it wrote, not their hashes ({@link #writtenLines}).
   */
  List<SessionSignal> signals();

  StoreStatistics statistics();

  /**
   * Replaces everything stored of the scanned repository (its commits and their line fate) with
   * this scan, in one transaction.
   */
  void replaceScan(RepositoryScan scan);

  /** The last scan of a repository, if any. */
  Optional<RepositoryScan.Summary> lastScan(String repositoryId);

  /** Every scanned repository, by id. */
  List<RepositoryScan.Summary> repositories();

  /** A repository's stored commits, in the order they were scanned (parents first). */
  List<CommitFact> commits(String repositoryId);

  /** The times of a repository's scanned commits: {@link #commits} without their facts. */
  List<CommitTime> commitTimes(String repositoryId);

  /**
   * The lines the repository's commits of the agent era wrote, per commit and file, in the order of
   * the commits' times: streamed, so that line provenance holds one commit's lines at a time.
   */
  void commitLines(String repositoryId, Consumer<CommittedLines> consumer);

  /**
   * Every agent edit whose lines are known, with the hash of each line ({@link #signals()} leaves
   * the hashes out), in no set order.
   */
  void writtenLines(Consumer<SessionSignal> consumer);

  /** The sessions that have an edit whose lines are known, as source and session id. */
  List<String[]> sessionsWithWrittenLines();

  /** A few numbers that change whenever an agent edit with known lines is stored. */
  String writtenLinesFingerprint();

  /** Line provenance's kept results, when they were computed under {@code fingerprint}. */
  Optional<ProvenanceResult> provenance(String fingerprint);

  /** Keeps line provenance's results in place of the earlier ones. */
  void saveProvenance(ProvenanceResult result);

  /**
   * Keeps a linking's results in place of those kept under its name, in one transaction.
   *
   * @throws IllegalArgumentException when a cost has more decimals than the store keeps exactly
   */
  void saveLinkedResults(LinkedResults results);

  /** When the results kept under a linking's name were linked; empty when none are kept. */
  Optional<Instant> linkedAt(String linking);

  /**
   * Sums over the results kept under a linking's name, per group of persons (null: one group of
   * everyone, under the key {@code ""}), in a repository (null: any), every group in one pass; a
   * group with no sessions has {@link LinkedResults.Sums#NONE}. Empty when none are kept under that
   * name.
   */
  Optional<Map<String, LinkedResults.Sums>> linkedSums(
      String linking,
      @Nullable Map<String, ? extends Collection<String>> groups,
      @Nullable String repositoryId);

  /**
   * Per repository, the cost and owners of the kept sessions of a linking that ran in it, of the
   * given persons (null: everyone's) in a repository (null: any), by repository id. Empty when none
   * are kept under that name.
   */
  Optional<List<LinkedResults.RepositorySums>> linkedByRepository(
      String linking, @Nullable Collection<String> persons, @Nullable String repositoryId);

  /** Every commit sha sessions' tool output printed, each once. */
  List<String> printedRefs();

  /** The commits sessions printed, as the repository resolved them. */
  List<PrintedCommit> printedCommits(String repositoryId);

  /** Stores (replaces) printed commits as a repository resolved them. */
  void savePrintedCommits(List<PrintedCommit> commits);

  /** The patch ids computed so far for a repository's branch commits, by sha. */
  Map<String, String> patchIds(String repositoryId);

  void savePatchIds(String repositoryId, Map<String, String> patchIds);

  /**
   * When an agent first wrote a line the store knows the text of (an edit with line hashes): no
   * commit made before can hold an agent's line, so scans follow lines from then on.
   */
  Optional<java.time.Instant> firstWrittenLine();

  /**
   * The files agents wrote lines the store knows the text of, as their logs name them, each with
   * the first moment one did: scans follow the lines of these files only.
   */
  java.util.Map<String, java.time.Instant> writtenPaths();

  @Override
  void close();
}
