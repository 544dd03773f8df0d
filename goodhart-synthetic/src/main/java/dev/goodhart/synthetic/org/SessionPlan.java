package dev.goodhart.synthetic.org;

import dev.goodhart.synthetic.SessionScript;
import dev.goodhart.synthetic.WrittenSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One agent session, from its outline (who, where, when each request happens, what it is meant to
 * achieve) to what it did in the repository (its edits and commits) and what was written of it.
 */
final class SessionPlan {
  /** What kind of session it is, as its waste signals would tell. */
  enum Pattern {
    ORDINARY,
    LOOP,
    CONTEXT_BLOAT,
    UNATTENDED,
    /** The second of two overlapping sessions on the same work, which commits nothing. */
    PARALLEL_SHADOW
  }

  /** How its work reaches git. */
  enum Outcome {
    /** The agent runs {@code git commit}. */
    AGENT_COMMITS,
    /** The person commits the agent's edits by hand, soon after the session. */
    HAND_COMMITS,
    /** Nothing is committed. */
    NOTHING
  }

  enum SlotKind {
    PROMPT,
    READ,
    SEARCH,
    TEST,
    EDIT,
    STAGE,
    COMMIT,
    ANSWER
  }

  /** A moment of the session; {@code text} is a prompt's. */
  record Slot(Instant at, SlotKind kind, @Nullable String text) {}

  final Person person;
  final SessionScript.Agent agent;
  final int repository;
  final String branch;
  final @Nullable Task task;

  /** For a parallel shadow, the session it duplicates. */
  final @Nullable SessionPlan primary;

  final String topic;
  final Pattern pattern;
  final Outcome outcome;
  final SessionScript.Effort effort;

  /** The working directory relative to the repository; empty for its root. */
  final String folder;

  final List<Slot> slots;
  final List<Instant> handCommitTimes;

  // What the simulation of the repository made of it.
  @Nullable PlannedCommit head;
  final List<String> knownFiles = new ArrayList<>();
  final List<FileChange> changes = new ArrayList<>();
  final List<Map<String, SourceFile>> commitFiles = new ArrayList<>();
  final List<PlannedCommit> commits = new ArrayList<>();

  // What was written of it.
  @Nullable WrittenSession written;

  // What line provenance must find of it.
  int writtenLines;
  List<LineCredits.Written> lines = List.of();
  List<Landings.Link> links = List.of();

  SessionPlan(
      Person person,
      SessionScript.Agent agent,
      int repository,
      String branch,
      @Nullable Task task,
      @Nullable SessionPlan primary,
      String topic,
      Pattern pattern,
      Outcome outcome,
      SessionScript.Effort effort,
      String folder,
      List<Slot> slots,
      List<Instant> handCommitTimes) {
    this.person = person;
    this.agent = agent;
    this.repository = repository;
    this.branch = branch;
    this.task = task;
    this.primary = primary;
    this.topic = topic;
    this.pattern = pattern;
    this.outcome = outcome;
    this.effort = effort;
    this.folder = folder;
    this.slots = List.copyOf(slots);
    this.handCommitTimes = List.copyOf(handCommitTimes);
  }

  Instant start() {
    return slots.getFirst().at();
  }

  /** The last entry's time: the final answer is the last request. */
  Instant end() {
    return slots.getLast().at();
  }

  /** When the person is free again: after the session, or after committing its work by hand. */
  Instant busyUntil() {
    return handCommitTimes.isEmpty() ? end() : handCommitTimes.getLast();
  }

  long count(SlotKind kind) {
    return slots.stream().filter(slot -> slot.kind() == kind).count();
  }

  /** Whether it edits files that others must leave alone until it is done. */
  boolean reserves() {
    return outcome != Outcome.NOTHING;
  }
}
