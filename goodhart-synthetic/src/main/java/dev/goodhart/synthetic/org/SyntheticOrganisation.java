package dev.goodhart.synthetic.org;

import static java.util.Objects.requireNonNull;

import dev.goodhart.synthetic.ScriptedSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A made-up organisation with a known truth: people who work in real git repositories for weeks, by
 * hand and with Claude Code and Codex, and the agents' logs of every session. The demo shows
 * goodhart on it; end-to-end tests measure goodhart's linking and waste signals against its truth.
 *
 * <p>{@code out} then holds {@code repos/<name>} (git repositories, main checked out, each with an
 * {@code origin} named {@code https://github.com/acme/<name>.git}), {@code people/<email>/home}
 * (each person's logs, as on their machine: {@code .claude/projects} and {@code .codex/sessions}),
 * {@code forge/<name>.pulls.jsonl} (the pull requests, with their commits, reviews and review
 * comments, as {@code goodhart import github --from} reads them), {@code
 * forge/<name>.deployments.json} (the production deployments, as a generic events request) and
 * {@code truth.json}.
 */
public final class SyntheticOrganisation {
  private SyntheticOrganisation() {}

  /**
   * Makes the organisation in {@code out}, which must be empty or not exist yet.
   *
   * @throws IllegalArgumentException when {@code out} holds anything
   * @throws GitFailedException when git is missing or fails
   */
  public static OrganisationTruth generate(Path out, OrganisationSpec spec) {
    requireNonNull(spec, "spec is null");
    Path root = requireEmpty(requireNonNull(out, "out is null").toAbsolutePath().normalize());
    Random planning = new Random(spec.seed());
    List<Person> people = Roster.create(spec.people(), spec.repositories(), planning);
    List<Domain> domains = new ArrayList<>();
    for (int i = 0; i < spec.repositories(); i++) {
      domains.add(Domain.forRepository(i));
    }
    Planner.Plan plan = new Planner(spec, people, domains, planning).plan();

    List<RepositoryModel> repositories = new ArrayList<>();
    for (int i = 0; i < domains.size(); i++) {
      Random content = new Random(spec.seed() * 1_000_003L + i + 1);
      Domain domain = domains.get(i);
      RepositoryModel repository =
          new RepositoryModel(i, domain, root.resolve("repos").resolve(domain.name()), content);
      Person founder = founder(people, i);
      repository.initialCommit(
          Signature.of(founder, spec.start().plus(Duration.ofMinutes(30 + 7 * i))));
      new Simulation(repository, content, spec).run(plan);
      repositories.add(repository);
    }
    java.util.Optional<java.time.Instant> agentEra = ProvenanceTruth.agentEra(plan.sessions());
    Path forgeFolder = root.resolve("forge");
    List<ForgeFiles> forge = new ArrayList<>();
    for (RepositoryModel repository : repositories) {
      forge.add(new ForgeFiles(repository, tasks(plan, repository), spec.now(), spec.seed()));
    }
    repositories.parallelStream()
        .forEach(
            repository -> {
              GitBuild.build(repository, merged(plan, repository), spec.now());
              ProvenanceTruth.follow(
                  repository,
                  tasks(plan, repository),
                  plan.sessions().stream().filter(s -> s.repository == repository.index).toList(),
                  agentEra,
                  spec.now());
              forge.get(repository.index).write(forgeFolder);
            });

    ScriptedSessions logs =
        new ScriptedSessions(root.resolve("people"), spec.seed() ^ 0x5e55_1075L);
    Transcripts transcripts = new Transcripts(new Random(spec.seed() + 17));
    List<SessionPlan> sessions = new ArrayList<>(plan.sessions());
    sessions.sort(Comparator.comparing(SessionPlan::start));
    for (SessionPlan session : sessions) {
      session.written =
          logs.write(
              home(root, session.person),
              transcripts.script(session, repositories.get(session.repository)));
    }
    OrganisationTruth truth =
        TruthBuilder.build(spec, people, repositories, sessions, logs.truth(), forge, forgeFolder);
    truth.write(root.resolve("truth.json"));
    return truth;
  }

  /**
   * A person's home folder, where their agents write their logs: one per person, as each works on
   * their own machine. The folder is named by their email address, which an import names the
   * machine by.
   */
  public static Path home(Path organisation, String email) {
    return organisation.resolve("people").resolve(email).resolve("home");
  }

  private static Path home(Path root, Person person) {
    return home(root, person.email());
  }

  /** Whoever works in the repository most, or else someone. */
  private static Person founder(List<Person> people, int repository) {
    return people.stream()
        .filter(person -> person.homeRepository() == repository)
        .findFirst()
        .orElse(people.get(repository % people.size()));
  }

  private static List<Task> tasks(Planner.Plan plan, RepositoryModel repository) {
    return plan.tasks().stream().filter(task -> task.repository == repository.index).toList();
  }

  /** Branches whose pull request was merged, squashed or rebased: GitHub deletes them, so do we. */
  private static List<String> merged(Planner.Plan plan, RepositoryModel repository) {
    return plan.tasks().stream()
        .filter(task -> task.repository == repository.index)
        .filter(task -> task.ending.merges() && task.landed != null)
        .map(task -> task.branch)
        .toList();
  }

  private static Path requireEmpty(Path out) {
    if (Files.exists(out)) {
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(
              "the synthetic organisation needs an empty folder, and '" + out + "' is not empty");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
