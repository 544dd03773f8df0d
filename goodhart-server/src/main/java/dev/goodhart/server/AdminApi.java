package dev.goodhart.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goodhart.model.access.ApiToken;
import dev.goodhart.model.access.Scope;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Token and team management (scope {@code admin}): list, make and revoke tokens; replace the
 * mapping of people to teams. E-mail addresses are pseudonymised on arrival and never stored.
 */
final class AdminApi {
  private AdminApi() {}

  static void register(GoodhartServer server, JavalinDefaultRoutingApi app) {
    app.get(
        "/api/v1/tokens",
        ctx -> {
          server.authenticator().require(ctx, Scope.ADMIN);
          ObjectNode answer = GoodhartServer.JSON.createObjectNode();
          ArrayNode tokens = answer.putArray("tokens");
          for (ApiToken token : server.store().tokens()) {
            ObjectNode row = tokens.addObject();
            row.put("id", token.id());
            row.put("name", token.name());
            ArrayNode scopes = row.putArray("scopes");
            token.scopes().stream().sorted().forEach(s -> scopes.add(s.wireName()));
            row.put("createdAt", token.createdAt().toString());
            row.put("revokedAt", token.revokedAt() == null ? null : token.revokedAt().toString());
          }
          ctx.json(answer);
        });
    app.post(
        "/api/v1/tokens",
        ctx -> {
          server.authenticator().require(ctx, Scope.ADMIN);
          GoodhartServer.requireContentType(ctx, "application/json");
          JsonNode body = GoodhartServer.parseJson(server.bodies().read(ctx), "the token request");
          Set<Scope> scopes = scopes(body.path("scopes"));
          String name = body.path("name").asText("api");
          ApiTokens.Created created = ApiTokens.create(scopes, name, server.clock().instant());
          server.acknowledged(
              server
                  .queue()
                  .write(
                      store -> {
                        store.saveToken(created.stored());
                        return 1;
                      }));
          ObjectNode answer = GoodhartServer.JSON.createObjectNode();
          answer.put("id", created.stored().id());
          answer.put("token", created.token());
          ArrayNode list = answer.putArray("scopes");
          scopes.stream().sorted().forEach(s -> list.add(s.wireName()));
          ctx.status(201).json(answer);
        });
    app.delete(
        "/api/v1/tokens/{id}",
        ctx -> {
          server.authenticator().require(ctx, Scope.ADMIN);
          String id = ctx.pathParam("id");
          int revoked =
              server.acknowledged(
                  server
                      .queue()
                      .write(store -> store.revokeToken(id, server.clock().instant()) ? 1 : 0));
          server.authenticator().forget(id);
          if (revoked == 0) {
            throw ApiException.notFound(
                "there is no active token '%s'; GET /api/v1/tokens lists them".formatted(id));
          }
          ctx.status(204);
        });
    app.put(
        "/api/v1/teams",
        ctx -> {
          server.authenticator().require(ctx, Scope.ADMIN);
          GoodhartServer.requireContentType(ctx, "application/json");
          Map<String, String> teams =
              TeamFile.fromJson(
                  GoodhartServer.parseJson(server.bodies().read(ctx), "the team mapping"),
                  server.pseudonyms());
          server.acknowledged(
              server
                  .queue()
                  .write(
                      store -> {
                        store.replaceTeams(teams);
                        return teams.size();
                      }));
          ctx.json(Map.of("people", teams.size(), "teams", Set.copyOf(teams.values()).size()));
        });
  }

  private static Set<Scope> scopes(JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      throw ApiException.badRequest(
          "field 'scopes' must be a non-empty array of 'ingest', 'read' or 'admin'");
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      String name = it.next().asText("");
      scopes.add(
          Scope.fromWire(name)
              .orElseThrow(
                  () ->
                      ApiException.badRequest(
                          "scope '%s' is unknown; use 'ingest', 'read' or 'admin'"
                              .formatted(name))));
    }
    return scopes;
  }
}
