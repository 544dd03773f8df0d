package dev.goodhart.synthetic.org;

import dev.goodhart.synthetic.SessionScript.Agent;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** The organisation's people: a fixed mix of profiles and agents, names and zones by seed. */
final class Roster {
  private static final String[] FIRST = {
    "Amara", "Bruno", "Chen", "Dana", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kavya",
    "Liam", "Mei", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Viktor",
    "Wen", "Yara", "Zoltan"
  };
  private static final String[] LAST = {
    "Okafor",
    "Silva",
    "Wang",
    "Levi",
    "Demir",
    "Haddad",
    "Lindqvist",
    "Tanaka",
    "Moreau",
    "Becker",
    "Iyer",
    "Walsh",
    "Lin",
    "Petrova",
    "Ruiz",
    "Nair",
    "Dubois",
    "Costa",
    "Berg",
    "Aziz",
    "Rao",
    "Novak",
    "Zhou",
    "Haddad",
    "Farkas"
  };
  private static final ZoneOffset[] ZONES = {
    ZoneOffset.ofHours(1),
    ZoneOffset.ofHours(2),
    ZoneOffset.UTC,
    ZoneOffset.ofHours(-5),
    ZoneOffset.ofHoursMinutes(5, 30),
    ZoneOffset.ofHours(-8)
  };

  /** The profiles in the order people get them: eight people are two heavy, one without agents. */
  private static final Person.Profile[] PROFILES = {
    Person.Profile.HEAVY, Person.Profile.MEDIUM, Person.Profile.LIGHT, Person.Profile.HEAVY,
    Person.Profile.MEDIUM, Person.Profile.NONE, Person.Profile.LIGHT, Person.Profile.MEDIUM
  };

  private static final Person.ClaudeMark[] CLAUDE_MARKS = {
    Person.ClaudeMark.GENERATED_AND_CO_AUTHOR,
    Person.ClaudeMark.GENERATED_AND_CO_AUTHOR,
    Person.ClaudeMark.CO_AUTHOR_WITH_MODEL,
    Person.ClaudeMark.NONE
  };

  private Roster() {}

  static List<Person> create(int count, int repositories, Random random) {
    List<Person> people = new ArrayList<>();
    int offset = random.nextInt(FIRST.length);
    int claudeUsers = 0;
    int codexUsers = 0;
    for (int i = 0; i < count; i++) {
      String first = FIRST[(offset + i) % FIRST.length];
      String last = LAST[(offset + i * 7) % LAST.length];
      String again = i < FIRST.length ? "" : Integer.toString(i / FIRST.length + 1);
      String email =
          first.toLowerCase(Locale.ROOT)
              + "."
              + last.toLowerCase(Locale.ROOT)
              + again
              + "@acme.dev";
      Person.Profile profile = PROFILES[i % PROFILES.length];
      List<Agent> agents =
          switch (profile == Person.Profile.NONE ? -1 : i % 4) {
            case -1 -> List.of();
            case 0, 2 -> List.of(Agent.CLAUDE_CODE);
            case 1 -> List.of(Agent.CLAUDE_CODE, Agent.CODEX);
            default -> List.of(Agent.CODEX);
          };
      String claudeModel =
          profile == Person.Profile.HEAVY
              ? random.nextBoolean() ? "claude-opus-4-5-20251101" : "claude-opus-4-6"
              : random.nextBoolean() ? "claude-sonnet-4-5-20250929" : "claude-sonnet-4-6";
      String codexModel =
          profile == Person.Profile.LIGHT
              ? "gpt-5.1-codex-mini"
              : random.nextBoolean() ? "gpt-5-codex" : "gpt-5.1-codex";
      // The settings go round, so that every organisation has each kind of mark.
      Person.ClaudeMark mark = CLAUDE_MARKS[claudeUsers % CLAUDE_MARKS.length];
      boolean codexMark = codexUsers % 2 == 0;
      claudeUsers += agents.contains(Agent.CLAUDE_CODE) ? 1 : 0;
      codexUsers += agents.contains(Agent.CODEX) ? 1 : 0;
      people.add(
          new Person(
              first + " " + last,
              email,
              ZONES[random.nextInt(ZONES.length)],
              profile,
              agents,
              claudeModel,
              codexModel,
              mark,
              codexMark,
              i % repositories));
    }
    return people;
  }
}
