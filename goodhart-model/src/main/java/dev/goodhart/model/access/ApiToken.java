package dev.goodhart.model.access;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A stored API token: its public id and the hash of its secret, never the secret itself.
 *
 * @param id the token's public part, which names it in lists and logs
 * @param secretHash the SHA-256 of the whole token, hex
 */
public record ApiToken(
    String id,
    String secretHash,
    Set<Scope> scopes,
    String name,
    Instant createdAt,
    @Nullable Instant revokedAt) {
  public ApiToken {
    requireNonNull(id, "id is null");
    requireNonNull(secretHash, "secretHash is null");
    requireNonNull(name, "name is null");
    requireNonNull(createdAt, "createdAt is null");
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a token has at least one scope");
    }
    scopes = Set.copyOf(EnumSet.copyOf(scopes));
  }

  /** Whether the token may act in the scope: it has it, or it is an admin token. */
  public boolean allows(Scope scope) {
    return revokedAt == null && (scopes.contains(scope) || scopes.contains(Scope.ADMIN));
  }
}
