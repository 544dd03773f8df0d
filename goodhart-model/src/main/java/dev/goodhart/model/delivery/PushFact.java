package dev.goodhart.model.delivery;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A push to a branch: what tells the server a repository it mines has moved.
 *
 * @param ref the full ref pushed ({@code refs/heads/main})
 * @param before the ref's sha before the push (40 zeros when the ref is new)
 * @param after the ref's sha after it (40 zeros when the ref was deleted)
 */
public record PushFact(
    String repository,
    String ref,
    String before,
    String after,
    int commits,
    boolean forced,
    Instant pushedAt) {
  public PushFact {
    requireNonNull(repository, "repository is null");
    requireNonNull(ref, "ref is null");
    requireNonNull(before, "before is null");
    requireNonNull(after, "after is null");
    requireNonNull(pushedAt, "pushedAt is null");
  }
}
