package dev.goodhart.server;

import dev.goodhart.report.html.DashboardAssets;
import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * The dashboard at {@code /}: a page and its assets served from the jar (ECharts from its webjar),
 * so it works with no internet. The page itself needs no token; it asks for one and sends it on
 * every API call.
 */
final class DashboardRoutes {
  /** The page loads only what this server serves. */
  static final String POLICY =
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

  private DashboardRoutes() {}

  static void register(JavalinDefaultRoutingApi app) {
    app.get("/", ctx -> page(ctx));
    app.get("/dashboard", ctx -> page(ctx));
    app.get(
        "/assets/{name}",
        ctx -> {
          DashboardAssets.Asset asset =
              DashboardAssets.asset(ctx.pathParam("name"))
                  .orElseThrow(
                      () ->
                          ApiException.notFound(
                              "there is no asset '%s'".formatted(ctx.pathParam("name"))));
          ctx.header("Cache-Control", "max-age=3600")
              .header("X-Content-Type-Options", "nosniff")
              .contentType(asset.contentType())
              .result(asset.bytes());
        });
  }

  private static void page(io.javalin.http.Context ctx) {
    ctx.header("Content-Security-Policy", POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .contentType(DashboardAssets.PAGE_CONTENT_TYPE)
        .result(DashboardAssets.page());
  }
}
