package dev.goodhart.ingest.forge;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * A list a forge serves page by page, below a repository's URL.
 *
 * @param kind what its items are, for the forge's reader: {@code pulls}, {@code commits}, ...
 * @param key where it is below the repository ({@code pulls/12/commits}); also the key of its ETag
 * @param query the query of its first page, page size included
 * @param pageSize the items of a full page: a first page with fewer is the whole list
 */
public record ForgeResource(String kind, String key, String query, int pageSize) {
  public ForgeResource {
    requireNonNull(kind, "kind is null");
    requireNonNull(key, "key is null");
    requireNonNull(query, "query is null");
    if (pageSize < 1) {
      throw new IllegalArgumentException("a page holds at least one item: " + pageSize);
    }
  }

  /** Its first page's address, below the repository's (which ends with a slash). */
  public URI in(URI repositoryUrl) {
    return URI.create(repositoryUrl + key + (query.isEmpty() ? "" : "?" + query));
  }
}
