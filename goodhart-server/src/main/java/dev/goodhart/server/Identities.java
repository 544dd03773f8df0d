package dev.goodhart.server;

import dev.goodhart.model.git.RepositoryRef;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the server names people and repositories across sources. */
final class Identities {
  private static final Pattern REMOTE = Pattern.compile("(?:[:/])([^/:]+/[^/]+?)(?:\\.git)?/?$");

  private Identities() {}

  /**
   * A scanned repository's name as webhooks give it ({@code owner/name} from its remote), else its
   * folder's name.
   */
  static String repositoryName(RepositoryRef repository) {
    String remote = repository.remoteUrl();
    if (remote != null) {
      Matcher matcher = REMOTE.matcher(remote.strip());
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    Path name = Path.of(repository.path()).getFileName();
    return name == null ? repository.path() : name.toString();
  }
}
