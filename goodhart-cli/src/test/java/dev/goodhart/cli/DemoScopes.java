package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.ingest.prices.PriceFiles;
import dev.goodhart.metrics.outcome.People;
import dev.goodhart.metrics.usage.CostMode;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A generated organisation ({@code goodhart demo}) opened for the differential tests that compare
 * every scope of it two ways: its store, the built-in prices, people made of two machines each (so
 * that groups of people are not groups of machines), and the scopes to compare: everyone, one
 * person and half of them, every repository and all of them.
 */
final class DemoScopes implements AutoCloseable {
  final CliHarness cli;
  final DuckDbStore store;
  final Pricer pricer = new Pricer(PriceFiles.builtIn(), CostMode.AUTO);
  final People people = machine -> "person-" + Math.floorMod(machine.hashCode(), 7);

  /** Everyone (null), one person, half of them. */
  final List<@Nullable Set<String>> groups = new ArrayList<>();

  /** All repositories (null), then each by id. */
  final List<@Nullable String> repositories = new ArrayList<>();

  DemoScopes(Path folder, String seed) {
    cli = new CliHarness(folder);
    cli.clock = Clock.fixed(DemoOrganisationTest.NOW, ZoneOffset.UTC);
    Path demo = folder.resolve("demo");
    CliHarness.Result made = cli.run("demo", "--out", demo.toString(), "--seed", seed);
    assertEquals(0, made.exitCode(), made::toString);
    store = DuckDbStore.open(demo.resolve("data"), DuckDbStore.Settings.defaults());
    Set<String> persons = new LinkedHashSet<>();
    store.usageMachineIds().forEach(machine -> persons.add(people.personOf(machine)));
    groups.add(null);
    groups.add(Set.of(persons.iterator().next()));
    groups.add(new LinkedHashSet<>(new ArrayList<>(persons).subList(0, persons.size() / 2)));
    repositories.add(null);
    store.repositories().forEach(summary -> repositories.add(summary.repository().id()));
  }

  @Override
  public void close() {
    store.close();
  }
}
