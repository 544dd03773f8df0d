package dev.goodhart.git.oracle;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A name, an email and a moment in a time zone: what git records for an author or a committer.
 *
 * @param zone the offset git stores with the date; people commit from their own zones
 */
public record Signature(String name, String email, Instant when, ZoneOffset zone) {
  public Signature {
    requireNonNull(name, "name is null");
    requireNonNull(email, "email is null");
    requireNonNull(when, "when is null");
    requireNonNull(zone, "zone is null");
  }

  public Signature at(Instant moment) {
    return new Signature(name, email, moment, zone);
  }

  /**
   * The date in git's internal form, {@code <epoch seconds> <+hhmm>}, which no locale can alter.
   */
  String gitDate() {
    int minutes = zone.getTotalSeconds() / 60;
    char sign = minutes < 0 ? '-' : '+';
    int absolute = Math.abs(minutes);
    return String.format(
        java.util.Locale.ROOT,
        "%d %c%02d%02d",
        when.getEpochSecond(),
        sign,
        absolute / 60,
        absolute % 60);
  }
}
