package dev.goodhart.ingest;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The usage sources on the class path, by name. */
public final class SourceRegistry {
  // The sources people ask about most come first in listings; any other follows by name.
  private static final List<String> WELL_KNOWN = List.of("claude", "codex", "gemini", "opencode");

  private final Map<String, UsageSource> sources;

  private SourceRegistry(List<UsageSource> sources) {
    Map<String, UsageSource> byName = new LinkedHashMap<>();
    for (UsageSource source : sources) {
      UsageSource previous = byName.putIfAbsent(source.name(), source);
      if (previous != null) {
        throw new IllegalStateException(
            "two usage sources are named '%s': %s and %s"
                .formatted(
                    source.name(), previous.getClass().getName(), source.getClass().getName()));
      }
    }
    this.sources = byName;
  }

  /** Every source registered through {@link ServiceLoader}, in a stable order. */
  public static SourceRegistry load() {
    List<UsageSource> found = new ArrayList<>();
    ServiceLoader.load(UsageSource.class, SourceRegistry.class.getClassLoader())
        .forEach(found::add);
    found.sort(
        Comparator.comparingInt(
                (UsageSource source) -> WELL_KNOWN.indexOf(source.name()) & Integer.MAX_VALUE)
            .thenComparing(UsageSource::name));
    return new SourceRegistry(found);
  }

  public static SourceRegistry of(List<UsageSource> sources) {
    return new SourceRegistry(List.copyOf(sources));
  }

  public Collection<UsageSource> all() {
    return sources.values();
  }

  public List<String> names() {
    return List.copyOf(sources.keySet());
  }

  /** The named source, or a usage error that lists the known names. */
  public UsageSource get(String name) {
    UsageSource source = sources.get(requireNonNull(name, "name is null").trim());
    if (source == null) {
      throw new GoodhartException(
          ErrorCode.UNKNOWN_SOURCE,
          "unknown source '%s'; known sources: %s"
              .formatted(name, String.join(", ", sources.keySet())));
    }
    return source;
  }

  /** The named sources; all of them when {@code names} is empty. */
  public List<UsageSource> select(List<String> names) {
    if (names.isEmpty()) {
      return List.copyOf(sources.values());
    }
    List<UsageSource> selected = new ArrayList<>();
    for (String name : names) {
      UsageSource source = get(name);
      if (!selected.contains(source)) {
        selected.add(source);
      }
    }
    return selected;
  }
}
