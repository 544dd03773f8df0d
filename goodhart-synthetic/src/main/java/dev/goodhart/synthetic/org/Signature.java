package dev.goodhart.synthetic.org;

import java.time.Instant;
import java.time.ZoneOffset;

/** A commit's author or committer: who, and when on their clock. */
record Signature(String name, String email, Instant at, ZoneOffset zone) {
  /** GitHub commits merges and squashes made on the web. */
  static Signature github(Instant at) {
    return new Signature("GitHub", "noreply@github.com", at, ZoneOffset.UTC);
  }

  static Signature of(Person person, Instant at) {
    return new Signature(person.name(), person.email(), at, person.zone());
  }
}
