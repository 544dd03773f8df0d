package dev.goodhart.cli;

import dev.goodhart.ingest.SourceRegistry;
import java.util.Iterator;

/**
 * The names of the usage sources on the class path, for the help of {@code --source}: a source
 * added as a package and a service line shows there without the help being edited.
 */
final class SourceNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return SourceRegistry.load().names().iterator();
  }
}
