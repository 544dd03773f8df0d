package dev.goodhart.git.attribution;

import java.util.Optional;

/** Who an Agent Trace record says wrote a conversation's or a range's lines. */
public enum ContributorType {
  HUMAN("human"),
  AI("ai"),
  /** A person and an agent together, e.g. an agent's lines a person edited. */
  MIXED("mixed"),
  UNKNOWN("unknown");

  private final String json;

  ContributorType(String json) {
    this.json = json;
  }

  /** The value as the record's {@code contributor.type} spells it. */
  public String json() {
    return json;
  }

  /** Whether an agent wrote some or all of the lines. */
  public boolean involvesAi() {
    return this == AI || this == MIXED;
  }

  static Optional<ContributorType> fromJson(String value) {
    for (ContributorType type : values()) {
      if (type.json.equals(value)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
