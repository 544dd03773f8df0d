package dev.goodhart.synthetic.org;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A repository's continuous deployment: when it deploys main's head to production, and whether a
 * deployment succeeds.
 */
final class DeployPipeline {
  /** Of deployments, this many percent fail. */
  private static final int FAILING = 12;

  private final RepositoryModel repository;
  private final Random random;
  private final OrganisationSpec spec;

  DeployPipeline(RepositoryModel repository, Random random, OrganisationSpec spec) {
    this.repository = repository;
    this.random = random;
    this.spec = spec;
  }

  /**
   * When main is deployed to production: on working days, late in the morning and in the afternoon
   * (UTC), each now and then skipped; never in the last half hour.
   */
  List<Instant> times() {
    List<Instant> times = new ArrayList<>();
    LocalDate last = LocalDate.ofInstant(spec.now(), ZoneOffset.UTC);
    for (LocalDate day = LocalDate.ofInstant(spec.start(), ZoneOffset.UTC).plusDays(1);
        !day.isAfter(last);
        day = day.plusDays(1)) {
      DayOfWeek weekday = day.getDayOfWeek();
      if (weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY) {
        continue;
      }
      for (int hour : new int[] {10, 15}) {
        boolean runs = random.nextInt(100) < (hour == 10 ? 85 : 55);
        Instant at =
            day.atTime(hour, 30).toInstant(ZoneOffset.UTC).plusSeconds(random.nextInt(90 * 60));
        if (runs && at.isBefore(spec.now().minus(Duration.ofMinutes(30)))) {
          times.add(at);
        }
      }
    }
    return times;
  }

  /** Deploys main's head; a failed deployment is tried again within the hour, mostly with luck. */
  void deploy(Instant at) {
    Instant when = seconds(at);
    boolean succeeded = random.nextInt(100) >= FAILING;
    PlannedCommit head = repository.main().tip;
    repository.deployments.add(
        new PlannedDeployment(repository.deployments.size() + 1, when, head, succeeded));
    Instant retry = when.plusSeconds(20 * 60 + random.nextInt(30 * 60));
    if (!succeeded && retry.isBefore(spec.now().minus(Duration.ofMinutes(10)))) {
      repository.deployments.add(
          new PlannedDeployment(
              repository.deployments.size() + 1, retry, head, random.nextInt(100) < 80));
    }
  }

  private static Instant seconds(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS);
  }
}
