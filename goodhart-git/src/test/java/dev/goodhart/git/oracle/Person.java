package dev.goodhart.git.oracle;

import java.time.Instant;
import java.time.ZoneOffset;

/** A committer identity and the time zone its dates are written in. */
record Person(String name, String email, String login, ZoneOffset zone) {
  static final Person GITHUB =
      new Person("GitHub", "noreply@github.com", "web-flow", ZoneOffset.UTC);
  static final Person COPILOT =
      new Person(
          "copilot-swe-agent[bot]",
          "198982749+Copilot@users.noreply.github.com",
          "Copilot",
          ZoneOffset.UTC);

  Signature at(Instant when) {
    return new Signature(name, email, when, zone);
  }

  String coAuthorTrailer() {
    return "Co-authored-by: " + name + " <" + email + ">";
  }

  /** The identity aider commits under on this person's behalf. */
  Person withAider() {
    return new Person(name + " (aider)", email, login, zone);
  }
}
