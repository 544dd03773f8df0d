package dev.goodhart.server;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a read request asks about: one team (or everyone), one repository (or all), a period of UTC
 * days. Read from the query string {@code ?team=&repo=&since=&until=}.
 */
record ReportScope(
    @Nullable String team,
    @Nullable String repository,
    @Nullable LocalDate since,
    @Nullable LocalDate until) {
  static ReportScope of(Context ctx) {
    LocalDate since = date(ctx, "since");
    LocalDate until = date(ctx, "until");
    if (since != null && until != null && since.isAfter(until)) {
      throw ApiException.badRequest(
          "since '%s' is after until '%s'; give an earlier since".formatted(since, until));
    }
    return new ReportScope(text(ctx, "team"), text(ctx, "repo"), since, until);
  }

  private static @Nullable String text(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static @Nullable LocalDate date(Context ctx, String name) {
    String value = text(ctx, name);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "query parameter '%s' is '%s', not a date; use YYYY-MM-DD".formatted(name, value));
    }
  }

  Map<String, Object> describe() {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("team", team);
    scope.put("repo", repository);
    scope.put("since", since == null ? null : since.toString());
    scope.put("until", until == null ? null : until.toString());
    return scope;
  }
}
