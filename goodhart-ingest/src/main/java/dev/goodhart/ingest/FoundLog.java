package dev.goodhart.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** A log file discovery found, with the size and modification time it had then. */
public record FoundLog(UsageSource source, Path root, Path path, long size, long modifiedMillis) {
  public FoundLog {
    requireNonNull(source, "source is null");
    requireNonNull(root, "root is null");
    requireNonNull(path, "path is null");
  }
}
