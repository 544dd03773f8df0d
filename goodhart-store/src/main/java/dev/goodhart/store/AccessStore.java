package dev.goodhart.store;

import dev.goodhart.model.access.ApiToken;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Who may use a goodhart server (API tokens, stored hashed) and which team each person is in. */
public interface AccessStore {
  void saveToken(ApiToken token);

  Optional<ApiToken> token(String id);

  List<ApiToken> tokens();

  /** Returns false when there is no such token or it was revoked already. */
  boolean revokeToken(String id, Instant at);

  /** Teams by person pseudonym. */
  Map<String, String> teams();

  /** Replaces the whole mapping of people (pseudonyms) to teams. */
  void replaceTeams(Map<String, String> teams);
}
