package dev.goodhart.cli;

import dev.goodhart.ingest.SourceRegistry;
import java.util.Iterator;

/**
 * The names {@code --source} takes, for help texts ({@code ${COMPLETION-CANDIDATES}}): the sources
 * on the class path, so a new agent's reader appears in the help without an edit here. Loaded only
 * when help or completion asks.
 */
final class SourceNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return SourceRegistry.load().names().iterator();
  }
}
