package dev.goodhart.model.git;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A repository as goodhart knows it.
 *
 * @param id a stable id: a hash of the remote URL when there is one (so that copies of a repository
 *     on several machines are one repository), else of the folder
 * @param path the folder it was scanned in, on this machine
 * @param remoteUrl origin's URL, if any
 * @param branch the branch scanned
 * @param head the sha of the branch head scanned
 */
public record RepositoryRef(
    String id, String path, @Nullable String remoteUrl, String branch, String head) {
  public RepositoryRef {
    requireNonNull(id, "id is null");
    requireNonNull(path, "path is null");
    requireNonNull(branch, "branch is null");
    requireNonNull(head, "head is null");
  }

  private static final Pattern REMOTE = Pattern.compile("(?:[:/])([^/:]+/[^/]+?)(?:\\.git)?/?$");

  /**
   * The name webhooks and deployment tools give the repository: {@code owner/name} from its remote,
   * else its folder's name.
   */
  public String fullName() {
    if (remoteUrl != null) {
      Matcher matcher = REMOTE.matcher(remoteUrl.strip());
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    Path name = Path.of(path).getFileName();
    return name == null ? path : name.toString();
  }
}
