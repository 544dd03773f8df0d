package dev.goodhart.ingest.sqlite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Finding an agent's database files, and telling them from the files SQLite keeps beside them. */
public final class DatabaseFiles {
  private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private DatabaseFiles() {}

  /** Whether a file's first bytes are a SQLite database's header. */
  public static boolean hasSqliteHeader(byte[] head) {
    return head.length >= HEADER.length
        && Arrays.equals(head, 0, HEADER.length, HEADER, 0, HEADER.length);
  }

  /**
   * The files directly in {@code folder} named {@code prefix + anything + suffix}, sorted; empty
   * when the folder does not exist. SQLite's own {@code -wal}, {@code -shm} and {@code -journal}
   * files never match a suffix such as {@code .db}.
   */
  public static List<Path> named(Path folder, String prefix, String suffix) {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return found;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.startsWith(prefix) && name.endsWith(suffix) && name.length() > suffix.length()) {
          found.add(file);
        }
      }
    } catch (IOException e) {
      // unreadable: discovery reports the folder when it walks the roots it can see
    }
    found.sort(null);
    return found;
  }
}
