package dev.goodhart.synthetic.org;

import dev.goodhart.synthetic.SessionScript;
import dev.goodhart.synthetic.org.SessionPlan.Outcome;
import dev.goodhart.synthetic.org.SessionPlan.Pattern;
import dev.goodhart.synthetic.org.SessionPlan.Slot;
import dev.goodhart.synthetic.org.SessionPlan.SlotKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * The timed outline of a session: its turns (a prompt, requests that explore, edit, test and
 * perhaps commit, then an answer), how big its requests are, and when the person commits its edits
 * by hand when they do. Each pattern has its own outline: a loop repeats one prompt, context bloat
 * reads and reads, an unattended run works for an hour on one prompt. A person who commits the
 * edits by hand mostly does so right away, now and then an hour or two later.
 */
final class SessionShapes {
  /** How much a session does. */
  enum Size {
    LIGHT,
    NORMAL,
    HEAVY
  }

  /** An outline: its slots and the times of the commits made by hand after it. */
  record Outline(List<Slot> slots, List<Instant> handCommits) {}

  private final Random random;
  private final Wording wording;

  SessionShapes(Random random, Wording wording) {
    this.random = random;
    this.wording = wording;
  }

  SessionScript.Effort effort(SessionScript.Agent agent, Size size, Pattern pattern) {
    boolean codex = agent == SessionScript.Agent.CODEX;
    if (pattern == Pattern.CONTEXT_BLOAT) {
      long context = codex ? 150_000 + random.nextInt(70_000) : 240_000 + random.nextInt(140_000);
      return new SessionScript.Effort(context, 30, 300, true);
    }
    return switch (size) {
      case LIGHT ->
          new SessionScript.Effort(
              (codex ? 4_000 : 14_000) + random.nextInt(6_000), 180, 400, false);
      case NORMAL ->
          new SessionScript.Effort(
              (codex ? 8_000 : 16_000) + random.nextInt(10_000), 250, 1_000, false);
      case HEAVY ->
          new SessionScript.Effort(
              (codex ? 14_000 : 22_000) + random.nextInt(12_000),
              380,
              codex ? 2_500 : 1_800,
              false);
    };
  }

  Outline outline(
      Pattern pattern, Outcome outcome, Size size, Instant start, String topic, String file) {
    Builder out = new Builder(start);
    boolean commits = outcome == Outcome.AGENT_COMMITS;
    switch (pattern) {
      case LOOP -> {
        out.turn(wording.firstPrompt(topic, file), 3 + random.nextInt(4), 1, false, 9);
        int repeats = 4 + random.nextInt(3);
        for (int i = 0; i < repeats; i++) {
          boolean last = i == repeats - 1;
          out.turn(Wording.LOOP_PROMPT, 3 + random.nextInt(4), 1, commits && last, 9);
        }
      }
      case CONTEXT_BLOAT -> {
        int turns = 1 + random.nextInt(3);
        for (int i = 0; i < turns; i++) {
          String prompt = i == 0 ? wording.firstPrompt(topic, file) : wording.followUp();
          out.turn(
              prompt,
              25 + random.nextInt(20),
              i == turns - 1 ? 1 : 0,
              commits && i == turns - 1,
              7);
        }
      }
      case UNATTENDED -> out.unattended(wording.unattendedPrompt(topic), 50 + random.nextInt(21));
      case ORDINARY, PARALLEL_SHADOW -> ordinary(out, size, commits, topic, file);
    }
    List<Instant> hand = new ArrayList<>();
    if (outcome == Outcome.HAND_COMMITS) {
      // Mostly right after the session; now and then after lunch or a meeting.
      Instant first =
          random.nextInt(100) < 25
              ? out.now.plusSeconds(40 * 60 + random.nextInt(80 * 60))
              : out.now.plusSeconds(120 + random.nextInt(960));
      hand.add(first);
      if (random.nextInt(10) < 3) {
        hand.add(first.plusSeconds(60 + random.nextInt(300)));
      }
    }
    return new Outline(out.slots, hand);
  }

  private void ordinary(Builder out, Size size, boolean commits, String topic, String file) {
    int turns =
        switch (size) {
          case LIGHT -> 1 + random.nextInt(2);
          case NORMAL -> 1 + random.nextInt(4);
          case HEAVY -> 3 + random.nextInt(5);
        };
    int commitTurns =
        !commits
            ? 0
            : size == Size.HEAVY
                ? 2 + random.nextInt(3)
                : size == Size.NORMAL ? 1 + random.nextInt(2) : 1;
    commitTurns = Math.min(commitTurns, turns);
    List<Boolean> committing = new ArrayList<>();
    for (int i = 0; i < turns - 1; i++) {
      committing.add(i < commitTurns - 1);
    }
    Collections.shuffle(committing, random);
    committing.add(commitTurns > 0);
    for (int i = 0; i < turns; i++) {
      int requests =
          switch (size) {
            case LIGHT -> 3 + random.nextInt(6);
            case NORMAL -> 6 + random.nextInt(13);
            case HEAVY -> 20 + random.nextInt(26);
          };
      int edits =
          switch (size) {
            case LIGHT -> 1 + random.nextInt(2);
            case NORMAL -> 1 + random.nextInt(3);
            case HEAVY -> 2 + random.nextInt(4);
          };
      String prompt = i == 0 ? wording.firstPrompt(topic, file) : wording.followUp();
      out.turn(prompt, requests, edits, committing.get(i), 9);
    }
  }

  /** Lays slots out in time. */
  private final class Builder {
    final List<Slot> slots = new ArrayList<>();
    Instant now;

    Builder(Instant start) {
      this.now = start;
    }

    /**
     * A prompt and its requests: some exploring, {@code edits} edits among tests and reads, a
     * commit when asked for, an answer. {@code pace} is the median seconds between requests.
     */
    void turn(String prompt, int requests, int edits, boolean commit, int pace) {
      if (!slots.isEmpty()) {
        advance(40_000 + (long) (random.nextExponential() * 150_000));
      }
      add(SlotKind.PROMPT, prompt);
      int explore = 1 + random.nextInt(3);
      List<SlotKind> middle = new ArrayList<>();
      for (int i = 0; i < edits; i++) {
        middle.add(SlotKind.EDIT);
      }
      for (int i = explore + edits + (commit ? 2 : 0); i < requests; i++) {
        int draw = random.nextInt(10);
        middle.add(draw < 4 ? SlotKind.TEST : draw < 8 ? SlotKind.READ : SlotKind.SEARCH);
      }
      Collections.shuffle(middle, random);
      for (int i = 0; i < explore; i++) {
        request(random.nextInt(3) == 0 ? SlotKind.SEARCH : SlotKind.READ, pace);
      }
      middle.forEach(kind -> request(kind, pace));
      if (commit) {
        request(SlotKind.STAGE, pace);
        request(SlotKind.COMMIT, 3);
      }
      request(SlotKind.ANSWER, pace);
    }

    /** One prompt, then requests a minute apart for most of an hour, with nothing committed. */
    void unattended(String prompt, int requests) {
      add(SlotKind.PROMPT, prompt);
      for (int i = 0; i < requests - 1; i++) {
        int draw = random.nextInt(10);
        SlotKind kind =
            draw < 1
                ? SlotKind.EDIT
                : draw < 6 ? SlotKind.TEST : draw < 9 ? SlotKind.READ : SlotKind.SEARCH;
        advance(56_000 + random.nextInt(30_000));
        add(kind, null);
      }
      advance(56_000 + random.nextInt(30_000));
      add(SlotKind.ANSWER, null);
    }

    private void request(SlotKind kind, int pace) {
      double seconds = pace * Math.exp(0.7 * random.nextGaussian());
      if (kind == SlotKind.EDIT) {
        seconds += 5 + random.nextInt(35); // writing the edit's text takes the model a while
      }
      advance((long) (Math.min(seconds, 240) * 1_000));
      add(kind, null);
    }

    private void advance(long millis) {
      Duration least = SessionScript.STEP_SPACING.plusMillis(400);
      now = now.plus(Duration.ofMillis(Math.max(millis, least.toMillis())));
    }

    private void add(SlotKind kind, @Nullable String text) {
      slots.add(new Slot(now, kind, text));
    }
  }
}
