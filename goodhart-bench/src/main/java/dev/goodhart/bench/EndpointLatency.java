package dev.goodhart.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the read API's endpoints, one request at a time, as a dashboard asks them: every endpoint
 * under every filter set, for a number of rounds, then the p50, p95 and max of each endpoint (all
 * filter sets together) and of each filter set, as JSON lines, and how many answers were not 200.
 *
 * <pre>
 * EndpointLatency --url URL --token TOKEN [--rounds R] [--team T] [--since D --until D] [--timeout S]
 * </pre>
 */
public final class EndpointLatency {
  private static final List<String> PATHS =
      List.of(
          "report",
          "weeks",
          "days",
          "repos",
          "models",
          "sources",
          "waste",
          "efficiency",
          "teams",
          "filters",
          "delivery",
          "telemetry",
          "spend");

  private EndpointLatency() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    String url = options.get("--url");
    String token = options.get("--token");
    if (url == null || token == null) {
      throw new IllegalArgumentException("--url URL and --token TOKEN are required");
    }
    int rounds = Integer.parseInt(options.getOrDefault("--rounds", "5"));
    String team = options.getOrDefault("--team", "team-39");
    String since = options.getOrDefault("--since", "2026-11-24");
    String until = options.getOrDefault("--until", "2026-11-30");
    Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--timeout", "120")));
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("none", "");
    filters.put("team", "team=" + team);
    filters.put("week", "since=" + since + "&until=" + until);
    filters.put("team+week", "team=" + team + "&since=" + since + "&until=" + until);

    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    Map<String, Latencies> byPath = new LinkedHashMap<>();
    Map<String, Latencies> byFilter = new LinkedHashMap<>();
    Map<String, Integer> failures = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, String> filter : filters.entrySet()) {
        for (String path : PATHS) {
          String given = filter.getValue();
          if (path.equals("spend") && given.contains("team=")) {
            continue; // the vendors' bills are the organisation's: spend takes no team
          }
          String query = given.isEmpty() ? "" : "?" + given;
          HttpRequest request =
              HttpRequest.newBuilder(URI.create(url + "/api/v1/" + path + query))
                  .header("Authorization", "Bearer " + token)
                  .timeout(timeout)
                  .GET()
                  .build();
          long start = System.nanoTime();
          int status;
          try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          } catch (IOException e) {
            status = 0;
          }
          long nanos = System.nanoTime() - start;
          byPath.computeIfAbsent(path, p -> new Latencies()).record(nanos);
          byFilter.computeIfAbsent(filter.getKey(), f -> new Latencies()).record(nanos);
          if (status != 200) {
            failures.merge(path + " " + status, 1, Integer::sum);
          }
        }
      }
    }
    byPath.forEach((path, latencies) -> print("endpoint", path, latencies));
    byFilter.forEach((filter, latencies) -> print("filters", filter, latencies));
    print("all", "all", Latencies.merge(byPath.values()));
    StringBuilder failed = new StringBuilder();
    failures.forEach(
        (what, count) ->
            failed.append(failed.isEmpty() ? "" : ",").append("\"%s\":%d".formatted(what, count)));
    System.out.println("{\"failures\":{" + failed + "}}");
  }

  private static void print(String kind, String name, Latencies latencies) {
    Latencies sorted = Latencies.merge(List.of(latencies));
    System.out.printf(
        "{\"%s\":\"%s\",\"requests\":%d,\"p50\":%.1f,\"p95\":%.1f,\"max\":%.1f}%n",
        kind,
        name,
        sorted.size(),
        sorted.percentileMillis(50),
        sorted.percentileMillis(95),
        sorted.maxMillis());
  }
}
