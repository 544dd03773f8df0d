package dev.goodhart.cli.statusline;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transcripts under Claude Code's {@code projects/} folders, with their sizes and times: what
 * {@code LogDiscovery} finds for an import, found with less per file, since the status line does it
 * on every call ({@code projects/<project>/<session>.jsonl} and the sub-agents' {@code
 * projects/<project>/<session>/subagents/*.jsonl}). A folder that cannot be read is passed over.
 */
final class Transcripts {
  /** Deep enough for the sub-agents' transcripts, not for a loop of links. */
  private static final int DEPTH = 4;

  /** A transcript: the projects folder it is under, its path, size and modification time. */
  record Found(Path root, Path path, String key, long size, long modified) {}

  private final Map<String, Found> found = new LinkedHashMap<>();

  static List<Found> under(List<Path> roots) {
    Transcripts transcripts = new Transcripts();
    for (Path root : roots) {
      Path real;
      try {
        real = root.toRealPath();
      } catch (IOException e) {
        continue; // no such folder
      }
      transcripts.walk(real, real, 1);
    }
    return new ArrayList<>(transcripts.found.values());
  }

  private void walk(Path root, Path folder, int depth) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(entry, BasicFileAttributes.class);
        } catch (IOException e) {
          continue; // gone meanwhile, or a broken link
        }
        if (attributes.isDirectory()) {
          if (depth < DEPTH) {
            walk(root, entry, depth + 1);
          }
        } else if (attributes.isRegularFile()
            && entry.getFileName().toString().endsWith(".jsonl")) {
          String key = entry.toString();
          found.putIfAbsent(
              key,
              new Found(
                  root, entry, key, attributes.size(), attributes.lastModifiedTime().toMillis()));
        }
      }
    } catch (IOException e) {
      // unreadable: passed over
    }
  }
}
