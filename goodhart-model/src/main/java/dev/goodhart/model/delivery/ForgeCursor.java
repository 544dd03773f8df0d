package dev.goodhart.model.delivery;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What imports from a forge have seen of one repository, so that the next one asks only for what
 * changed. Stored as a whole it is the state; handed to the store with new facts it is an update:
 * each of its entries replaces the stored one, and a null {@code updatedThrough} keeps the stored
 * one.
 *
 * @param forge {@code github} or {@code gitlab}
 * @param repository as the facts name it ({@code owner/name}, GitLab's full path)
 * @param updatedThrough the newest {@code updated_at} of a complete pass over the repository's pull
 *     requests: a later import reads the list, newest first, down to it
 * @param etags the {@code ETag} of each resource whose first page says whether anything changed, by
 *     its path below the repository ({@code pulls}, {@code pulls/12/commits}), asked for again with
 *     {@code If-None-Match} so that an unchanged one costs nothing; in an update, an empty ETag
 *     removes the stored one
 * @param pullRequests for each pull request whose commits, reviews and comments were imported, the
 *     {@code updated_at} they were imported at: an interrupted import does not fetch them again
 */
public record ForgeCursor(
    String forge,
    String repository,
    @Nullable Instant updatedThrough,
    Map<String, String> etags,
    Map<Integer, Instant> pullRequests) {
  public ForgeCursor {
    requireNonNull(forge, "forge is null");
    requireNonNull(repository, "repository is null");
    etags = Map.copyOf(requireNonNull(etags, "etags is null"));
    pullRequests = Map.copyOf(requireNonNull(pullRequests, "pullRequests is null"));
  }

  /** A repository never imported from this forge, or an update that changes nothing. */
  public static ForgeCursor empty(String forge, String repository) {
    return new ForgeCursor(forge, repository, null, Map.of(), Map.of());
  }

  public boolean isEmpty() {
    return updatedThrough == null && etags.isEmpty() && pullRequests.isEmpty();
  }

  /** This cursor with the update's entries in place of its own. */
  public ForgeCursor merge(ForgeCursor update) {
    if (!forge.equals(update.forge()) || !repository.equals(update.repository())) {
      throw new IllegalArgumentException(
          "an update of %s %s, not of %s %s"
              .formatted(update.forge(), update.repository(), forge, repository));
    }
    Map<String, String> mergedEtags = new TreeMap<>(etags);
    update
        .etags()
        .forEach(
            (resource, etag) -> {
              if (etag.isEmpty()) {
                mergedEtags.remove(resource);
              } else {
                mergedEtags.put(resource, etag);
              }
            });
    Map<Integer, Instant> mergedPullRequests = new TreeMap<>(pullRequests);
    mergedPullRequests.putAll(update.pullRequests());
    return new ForgeCursor(
        forge,
        repository,
        update.updatedThrough() != null ? update.updatedThrough() : updatedThrough,
        mergedEtags,
        mergedPullRequests);
  }
}
