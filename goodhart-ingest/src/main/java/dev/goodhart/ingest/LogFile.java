package dev.goodhart.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A log file as a parser sees it.
 *
 * @param root the discovery root the file was found under
 * @param path the file
 * @param machineId the machine whose logs these are
 * @param project the project the source derived from the file's place, if any
 * @param relativeName the path below the root: part of the key of records that have no identity of
 *     their own
 */
public record LogFile(
    String source,
    Path root,
    Path path,
    String machineId,
    @Nullable String project,
    String relativeName) {

  public LogFile {
    requireNonNull(source, "source is null");
    requireNonNull(root, "root is null");
    requireNonNull(path, "path is null");
    requireNonNull(machineId, "machineId is null");
    requireNonNull(relativeName, "relativeName is null");
  }

  /**
   * The file name without its extension: the session id of sources whose records do not carry one.
   */
  public String stem() {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
