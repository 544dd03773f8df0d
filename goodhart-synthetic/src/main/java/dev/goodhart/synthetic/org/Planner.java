package dev.goodhart.synthetic.org;

import dev.goodhart.synthetic.SessionScript.Agent;
import dev.goodhart.synthetic.org.SessionPlan.Outcome;
import dev.goodhart.synthetic.org.SessionPlan.Pattern;
import dev.goodhart.synthetic.org.SessionShapes.Size;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Lays out everyone's working days: sessions and hand-written commits one after another in working
 * hours, pieces of work on branches that end in pull requests (merged, squashed, rebased or
 * closed), and the sessions that waste, placed first so that even a small organisation has each
 * kind. Nothing is made here; the repositories' simulation makes it.
 */
final class Planner {
  /** The organisation's history, as planned. */
  record Plan(
      List<SessionPlan> sessions,
      List<HumanWork> work,
      List<Task> tasks,
      List<RevertAttempt> reverts) {}

  /** A session whose waste (or whose commits' fate) is the point of it. */
  enum Special {
    LOOP,
    CONTEXT_BLOAT,
    UNATTENDED,
    PARALLEL,
    ABANDONED,
    DISCARDED
  }

  /** Sessions by the same person on a repository start this long after the last one's work. */
  private static final Duration SAME_REPOSITORY_GAP = Duration.ofMinutes(45);

  private final OrganisationSpec spec;
  private final List<Person> people;
  private final List<Domain> domains;
  private final Random random;
  private final Wording wording;
  private final SessionShapes shapes;
  private final Instant from;
  private final Instant latest;
  private final Choices choices;
  private final List<SessionPlan> sessions = new ArrayList<>();
  private final List<HumanWork> work = new ArrayList<>();
  private final Map<Person, Map<Integer, Instant>> lastSession = new HashMap<>();

  Planner(OrganisationSpec spec, List<Person> people, List<Domain> domains, Random random) {
    this.spec = spec;
    this.people = people;
    this.domains = domains;
    this.random = random;
    this.wording = new Wording(random);
    this.shapes = new SessionShapes(random, wording);
    this.from = spec.start();
    this.latest = spec.now().minus(Duration.ofMinutes(40));
    this.choices = new Choices(spec, people, domains, random);
  }

  Plan plan() {
    Map<Person, Map<LocalDate, List<Special>>> specials = placeSpecials();
    for (Person person : people) {
      for (LocalDate day : workdays(person)) {
        List<Special> today = specials.getOrDefault(person, Map.of()).getOrDefault(day, List.of());
        layOut(person, day, today);
      }
    }
    choices.closeAll();
    return new Plan(sessions, work, choices.tasks(), reverts());
  }

  private void layOut(Person person, LocalDate day, List<Special> specials) {
    boolean saturday = day.getDayOfWeek() == DayOfWeek.SATURDAY;
    double scale = saturday ? 0.5 : 1;
    int sessionCount =
        person.agents().isEmpty() ? 0 : poisson(person.profile().sessionsPerDay * scale);
    int humanCount = saturday ? 0 : poisson(person.profile().humanCommitsPerDay);
    // The day's special sessions come first, so that they are never crowded out.
    List<Item> items = new ArrayList<>();
    specials.forEach(special -> items.add(new Item(special, true)));
    List<Item> ordinary = new ArrayList<>();
    for (int i = 0; i < sessionCount + humanCount; i++) {
      ordinary.add(new Item(null, i < sessionCount));
    }
    Collections.shuffle(ordinary, random);
    items.addAll(ordinary);
    Instant at = local(person, day, 9, 0).plusSeconds(random.nextInt(75 * 60));
    Instant dayEnd = local(person, day, 18, 30);
    Instant hardEnd = local(person, day, 20, 30);
    for (Item item : items) {
      if (at.isAfter(dayEnd)) {
        break;
      }
      Instant busy =
          item.session()
              ? session(person, at, item.special(), hardEnd)
              : human(person, at, hardEnd);
      if (busy != null) {
        at = busy.plusSeconds(600 + random.nextInt(3_000));
      }
    }
  }

  /** Something to do in a day: a session (perhaps a special one) or a commit by hand. */
  private record Item(@Nullable Special special, boolean session) {}

  private @Nullable Instant session(
      Person person, Instant at, @Nullable Special special, Instant hardEnd) {
    Agent agent = person.agents().get(random.nextInt(person.agents().size()));
    Outcome outcome = outcome(special);
    Choices.Choice choice =
        special == Special.ABANDONED
            ? choices.abandoned(person, agent)
            : choices.choose(person, agent, special == null, outcome != Outcome.NOTHING);
    Pattern pattern =
        switch (special == null ? Special.DISCARDED : special) {
          case LOOP -> Pattern.LOOP;
          case CONTEXT_BLOAT -> Pattern.CONTEXT_BLOAT;
          case UNATTENDED -> Pattern.UNATTENDED;
          default -> Pattern.ORDINARY;
        };
    Size size = size(person);
    Instant start = earliest(person, choice.repository(), at);
    String folder = domains.get(choice.repository()).sourceFolder();
    SessionShapes.Outline outline =
        shapes.outline(pattern, outcome, size, start, choice.topic(), folder);
    Instant busy = busyUntil(outline);
    SessionShapes.Outline second = null;
    if (special == Special.PARALLEL) {
      // The shadow starts while the first session still works, in its first half.
      long half = Math.max(60, java.time.Duration.between(start, busy).toSeconds() / 2);
      Instant overlapping = start.plusSeconds(30 + random.nextInt((int) Math.min(half, 600)));
      second =
          shapes.outline(
              Pattern.PARALLEL_SHADOW,
              Outcome.NOTHING,
              Size.NORMAL,
              overlapping,
              choice.topic(),
              folder);
      busy = busy.isAfter(busyUntil(second)) ? busy : busyUntil(second);
    }
    if (busy.isAfter(hardEnd) || busy.isAfter(latest)) {
      return null;
    }
    Task task = choices.take(choice, busy);
    SessionPlan plan = plan(person, agent, choice, task, pattern, outcome, size, outline, null);
    sessions.add(plan);
    if (second != null) {
      sessions.add(
          plan(
              person,
              agent,
              choice,
              task,
              Pattern.PARALLEL_SHADOW,
              Outcome.NOTHING,
              Size.NORMAL,
              second,
              plan));
    }
    lastSession.computeIfAbsent(person, p -> new HashMap<>()).put(choice.repository(), busy);
    return busy;
  }

  private static Instant busyUntil(SessionShapes.Outline outline) {
    return outline.handCommits().isEmpty()
        ? outline.slots().getLast().at()
        : outline.handCommits().getLast();
  }

  private SessionPlan plan(
      Person person,
      Agent agent,
      Choices.Choice choice,
      @Nullable Task task,
      Pattern pattern,
      Outcome outcome,
      Size size,
      SessionShapes.Outline outline,
      @Nullable SessionPlan primary) {
    Domain domain = domains.get(choice.repository());
    String folder = random.nextInt(4) == 0 ? domain.sourceFolder() : "";
    return new SessionPlan(
        person,
        agent,
        choice.repository(),
        choice.branch(),
        task,
        primary,
        choice.topic(),
        pattern,
        outcome,
        shapes.effort(agent, size, pattern),
        folder,
        outline.slots(),
        outline.handCommits());
  }

  private Outcome outcome(@Nullable Special special) {
    if (special == null) {
      int draw = random.nextInt(100);
      return draw < 20 ? Outcome.HAND_COMMITS : draw < 24 ? Outcome.NOTHING : Outcome.AGENT_COMMITS;
    }
    return switch (special) {
      case LOOP, CONTEXT_BLOAT -> random.nextBoolean() ? Outcome.AGENT_COMMITS : Outcome.NOTHING;
      case UNATTENDED, DISCARDED -> Outcome.NOTHING;
      case PARALLEL, ABANDONED -> Outcome.AGENT_COMMITS;
    };
  }

  private Size size(Person person) {
    int draw = random.nextInt(100);
    return switch (person.profile()) {
      case HEAVY -> draw < 55 ? Size.HEAVY : draw < 95 ? Size.NORMAL : Size.LIGHT;
      case MEDIUM -> draw < 12 ? Size.HEAVY : draw < 80 ? Size.NORMAL : Size.LIGHT;
      case LIGHT, NONE -> draw < 35 ? Size.NORMAL : Size.LIGHT;
    };
  }

  private @Nullable Instant human(Person person, Instant at, Instant hardEnd) {
    Choices.Choice choice = choices.choose(person, null, true, true);
    Instant start = earliest(person, choice.repository(), at);
    if (start.isAfter(hardEnd) || start.isAfter(latest)) {
      return null;
    }
    Task task = choices.take(choice, start.plusSeconds(60));
    work.add(new HumanWork(person, choice.repository(), task, start, choice.topic()));
    return start.plusSeconds(60 + random.nextInt(240));
  }

  /** Keeps a person's work on a repository apart from their last session's there. */
  private Instant earliest(Person person, int repository, Instant at) {
    Instant last = lastSession.getOrDefault(person, Map.of()).get(repository);
    Instant after = last == null ? at : last.plus(SAME_REPOSITORY_GAP);
    return after.isAfter(at) ? after : at;
  }

  private Map<Person, Map<LocalDate, List<Special>>> placeSpecials() {
    List<Person> agentUsers = people.stream().filter(p -> !p.agents().isEmpty()).toList();
    double expected = 0;
    for (Person person : agentUsers) {
      expected += person.profile().sessionsPerDay * workdays(person).size();
    }
    Map<Person, Map<LocalDate, List<Special>>> placed = new HashMap<>();
    for (Special special : Special.values()) {
      double share =
          switch (special) {
            case LOOP, CONTEXT_BLOAT, ABANDONED -> 0.04;
            case UNATTENDED -> 0.03;
            case PARALLEL -> 0.025;
            case DISCARDED -> 0.06;
          };
      boolean demanding =
          special == Special.UNATTENDED
              || special == Special.CONTEXT_BLOAT
              || special == Special.PARALLEL;
      for (long i = Math.max(1, Math.round(share * expected)); i > 0; i--) {
        Person person = weighted(agentUsers, demanding);
        List<LocalDate> days = workdays(person);
        List<LocalDate> early = days.size() > 3 ? days.subList(0, days.size() - 3) : days;
        LocalDate day = early.get(random.nextInt(early.size()));
        placed
            .computeIfAbsent(person, p -> new HashMap<>())
            .computeIfAbsent(day, d -> new ArrayList<>())
            .add(special);
      }
    }
    return placed;
  }

  private Person weighted(List<Person> candidates, boolean demanding) {
    List<Person> pool = new ArrayList<>();
    for (Person person : candidates) {
      int weight =
          switch (person.profile()) {
            case HEAVY -> 3;
            case MEDIUM -> 2;
            case LIGHT -> demanding ? 0 : 1;
            case NONE -> 0;
          };
      for (int i = 0; i < weight; i++) {
        pool.add(person);
      }
    }
    List<Person> from = pool.isEmpty() ? candidates : pool;
    return from.get(random.nextInt(from.size()));
  }

  /** The days someone works: weekdays, and now and then a Saturday for the heavy users. */
  private List<LocalDate> workdays(Person person) {
    List<LocalDate> days = new ArrayList<>();
    LocalDate first = LocalDate.ofInstant(from, person.zone()).plusDays(1);
    LocalDate last = LocalDate.ofInstant(spec.now(), person.zone());
    Random calendar = new Random(spec.seed() ^ person.email().hashCode());
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      DayOfWeek weekday = day.getDayOfWeek();
      boolean saturday =
          weekday == DayOfWeek.SATURDAY
              && person.profile() == Person.Profile.HEAVY
              && calendar.nextInt(100) < 15;
      if (saturday || (weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY)) {
        days.add(day);
      }
    }
    return days;
  }

  private List<RevertAttempt> reverts() {
    List<RevertAttempt> attempts = new ArrayList<>();
    int groups = Math.max(1, spec.days() / 30);
    for (int repository = 0; repository < domains.size(); repository++) {
      for (int group = 0; group < groups; group++) {
        int day = spec.days() / 5 + random.nextInt(Math.max(1, spec.days() * 4 / 5 - 3));
        Person person = people.get(random.nextInt(people.size()));
        for (int attempt = 0; attempt < 3; attempt++) {
          Instant at =
              from.plus(Duration.ofDays(day + attempt))
                  .plusSeconds(13 * 3_600 + random.nextInt(3 * 3_600));
          if (at.isBefore(latest)) {
            attempts.add(new RevertAttempt(repository, person, at, group));
          }
        }
      }
    }
    return attempts;
  }

  private Instant local(Person person, LocalDate day, int hour, int minute) {
    return day.atTime(hour, minute).atOffset(person.zone()).toInstant();
  }

  private int poisson(double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }
}
