package dev.goodhart.server;

import dev.goodhart.model.access.ApiToken;
import dev.goodhart.model.access.Scope;
import dev.goodhart.store.AccessStore;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Checks the bearer token of a request against the stored tokens, which it keeps in memory (every
 * request is checked; the store is asked again only for ids it has not seen, and after changes),
 * and against this server's own local admin credential ({@link LocalAdmin}), which is never stored.
 */
final class Authenticator {
  private final AccessStore store;
  private final Map<String, Optional<ApiToken>> known = new ConcurrentHashMap<>();
  private final String localAdmin;
  private final ApiToken localAdminToken;

  Authenticator(AccessStore store, String localAdmin, Instant startedAt) {
    this.store = store;
    this.localAdmin = localAdmin;
    this.localAdminToken =
        new ApiToken(
            "local-admin",
            ApiTokens.hash(localAdmin),
            EnumSet.of(Scope.ADMIN),
            "goodhart serve's local admin (" + LocalAdmin.FILE_NAME + ")",
            startedAt,
            null);
  }

  /** The token of the request, which must allow the scope; else a 401 or 403. */
  ApiToken require(Context ctx, Scope scope) {
    String presented = bearer(ctx.header("Authorization"));
    if (presented == null) {
      throw ApiException.unauthorized(
          "this endpoint needs an API token with scope '%s': send 'Authorization: Bearer <token>' (make one with 'goodhart token create --scope %s')"
              .formatted(scope.wireName(), scope.wireName()));
    }
    if (LocalAdmin.matches(presented, localAdmin)) {
      return localAdminToken;
    }
    ApiToken token =
        ApiTokens.idOf(presented)
            .flatMap(this::stored)
            .filter(stored -> ApiTokens.matches(presented, stored))
            .orElseThrow(
                () ->
                    ApiException.unauthorized(
                        "the API token is not one this server made; check it was copied whole, or make a new one with 'goodhart token create'"));
    if (token.revokedAt() != null) {
      throw ApiException.unauthorized(
          "the API token '%s' was revoked on %s; make a new one"
              .formatted(token.id(), token.revokedAt()));
    }
    if (!token.allows(scope)) {
      throw ApiException.forbidden(
          "the API token '%s' has scope %s; this endpoint needs '%s'"
              .formatted(
                  token.id(),
                  token.scopes().stream().map(Scope::wireName).sorted().toList(),
                  scope.wireName()));
    }
    return token;
  }

  // Only tokens that exist are kept: made-up ids must not fill the memory.
  private Optional<ApiToken> stored(String id) {
    Optional<ApiToken> token = known.get(id);
    if (token == null) {
      token = store.token(id);
      token.ifPresent(found -> known.put(id, Optional.of(found)));
    }
    return token;
  }

  /** Forgets a token, so that a change to it (a revocation) is seen on the next request. */
  void forget(String id) {
    known.remove(id);
  }

  private static @Nullable String bearer(@Nullable String header) {
    if (header == null) {
      return null;
    }
    String value = header.strip();
    if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = value.substring(7).strip();
      return token.isEmpty() ? null : token;
    }
    return null;
  }
}
