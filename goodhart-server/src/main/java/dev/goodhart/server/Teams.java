package dev.goodhart.server;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who is in which team, by pseudonym. People with usage but no mapping are in {@link #UNASSIGNED}.
 */
record Teams(Map<String, String> teamOfPerson) {
  static final String UNASSIGNED = "unassigned";

  Teams {
    teamOfPerson = Map.copyOf(teamOfPerson);
  }

  /** The members of a team among the people known to have usage (and everyone mapped to it). */
  Set<String> members(String team, Set<String> active) {
    Set<String> members = new TreeSet<>();
    teamOfPerson.forEach(
        (person, name) -> {
          if (name.equals(team)) {
            members.add(person);
          }
        });
    if (team.equals(UNASSIGNED)) {
      active.stream().filter(p -> !teamOfPerson.containsKey(p)).forEach(members::add);
    }
    return members;
  }

  /** Every team with its people: mapped ones, and the unassigned among the active. */
  Map<String, Integer> sizes(Set<String> active) {
    Map<String, Integer> sizes = new TreeMap<>();
    teamOfPerson.values().forEach(team -> sizes.merge(team, 1, Integer::sum));
    long unassigned = active.stream().filter(p -> !teamOfPerson.containsKey(p)).count();
    if (unassigned > 0) {
      sizes.put(UNASSIGNED, (int) unassigned);
    }
    return sizes;
  }
}
