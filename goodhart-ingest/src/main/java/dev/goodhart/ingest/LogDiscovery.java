package dev.goodhart.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds log files: in the folders each source uses on this machine, in a copy of another machine's
 * folders, or in paths a user names. Folders and files that cannot be read become {@link BadRecord
 * problems}, never a failure of the whole discovery.
 */
public final class LogDiscovery {
  private static final int SNIFF_BYTES = 4096;

  private final List<FoundLog> found = new ArrayList<>();
  private final Map<Path, Boolean> seen = new LinkedHashMap<>();
  private final List<BadRecord> problems = new ArrayList<>();

  /** What discovery found and what it could not read. */
  public record Result(List<FoundLog> logs, List<BadRecord> problems) {
    public Result {
      logs = List.copyOf(logs);
      problems = List.copyOf(problems);
    }
  }

  /** Every log of the given sources in their default folders on this machine. */
  public static Result onThisMachine(List<UsageSource> sources, Environment environment) {
    LogDiscovery discovery = new LogDiscovery();
    for (UsageSource source : sources) {
      for (Path root : source.defaultRoots(environment)) {
        discovery.walk(source, root);
      }
    }
    return discovery.result();
  }

  /** Every log of the given sources in a copy of another machine's home folder or agent folders. */
  public static Result inCopy(List<UsageSource> sources, Path copy) {
    LogDiscovery discovery = new LogDiscovery();
    for (UsageSource source : sources) {
      for (Path root : source.rootsInCopy(copy)) {
        discovery.walk(source, root);
      }
    }
    return discovery.result();
  }

  /**
   * Logs in paths a user named. A folder that holds a source's usual folders (a home, {@code
   * ~/.claude}, {@code ~/.codex}) is searched like a copy; any other folder is walked and each file
   * goes to the source that recognises its first bytes.
   */
  public static Result inPaths(List<UsageSource> sources, List<Path> paths) {
    LogDiscovery discovery = new LogDiscovery();
    for (Path path : paths) {
      if (Files.isRegularFile(path)) {
        discovery.sniff(sources, path.toAbsolutePath().getParent(), path);
      } else if (Files.isDirectory(path)) {
        boolean layoutKnown = false;
        for (UsageSource source : sources) {
          for (Path root : source.rootsInCopy(path)) {
            if (Files.exists(root)) {
              layoutKnown = true;
              discovery.walk(source, root);
            }
          }
        }
        if (!layoutKnown) {
          discovery.walkAndSniff(sources, path);
        }
      } else {
        discovery.problems.add(new BadRecord(path, 0, "no such file or folder"));
      }
    }
    return discovery.result();
  }

  private Result result() {
    return new Result(found, problems);
  }

  private void walk(UsageSource source, Path root) {
    if (Files.isRegularFile(root)) {
      // A root that is a file (a database the agent keeps beside other folders) is that log alone.
      Path folder = root.toAbsolutePath().getParent();
      if (folder != null && source.isLogFile(folder, root)) {
        try {
          add(source, folder, root, Files.readAttributes(root, BasicFileAttributes.class));
        } catch (IOException e) {
          problems.add(new BadRecord(root, 0, "cannot read the file: " + describe(e)));
        }
      }
      return;
    }
    if (!Files.isDirectory(root)) {
      return;
    }
    Path realRoot;
    try {
      realRoot = root.toRealPath();
    } catch (IOException e) {
      problems.add(new BadRecord(root, 0, "cannot open the folder: " + describe(e)));
      return;
    }
    visit(
        realRoot,
        (file, attributes) -> {
          if (source.isLogFile(realRoot, file)) {
            add(source, realRoot, file, attributes);
          }
        });
  }

  private void walkAndSniff(List<UsageSource> sources, Path folder) {
    Path realRoot;
    try {
      realRoot = folder.toRealPath();
    } catch (IOException e) {
      problems.add(new BadRecord(folder, 0, "cannot open the folder: " + describe(e)));
      return;
    }
    visit(realRoot, (file, attributes) -> sniff(sources, realRoot, file));
  }

  private void sniff(List<UsageSource> sources, Path root, Path file) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(SNIFF_BYTES);
    } catch (IOException e) {
      problems.add(new BadRecord(file, 0, "cannot read the file: " + describe(e)));
      return;
    }
    Optional<UsageSource> owner =
        sources.stream().filter(s -> s.recognizes(file, head)).findFirst();
    if (owner.isEmpty()) {
      return;
    }
    try {
      add(owner.get(), root, file, Files.readAttributes(file, BasicFileAttributes.class));
    } catch (IOException e) {
      problems.add(new BadRecord(file, 0, "cannot read the file: " + describe(e)));
    }
  }

  private void add(UsageSource source, Path root, Path file, BasicFileAttributes attributes) {
    Path absolute = file.toAbsolutePath().normalize();
    if (seen.putIfAbsent(absolute, Boolean.TRUE) == null) {
      long[] sizeAndModified =
          source.layout(absolute) == FileLayout.DATABASE
              ? SqliteFiles.sizeAndModified(absolute, attributes)
              : new long[] {attributes.size(), attributes.lastModifiedTime().toMillis()};
      found.add(new FoundLog(source, root, absolute, sizeAndModified[0], sizeAndModified[1]));
    }
  }

  private interface FileAction {
    void accept(Path file, BasicFileAttributes attributes);
  }

  private void visit(Path root, FileAction action) {
    try {
      Files.walkFileTree(
          root,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (attributes.isRegularFile()) {
                action.accept(file, attributes);
              } else if (attributes.isSymbolicLink()) {
                // Links are followed; one still seen as a link points nowhere.
                problems.add(
                    new BadRecord(
                        file, 0, "cannot read: the symbolic link's target does not exist"));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              if (!(e instanceof FileSystemLoopException)) {
                problems.add(new BadRecord(file, 0, "cannot read: " + describe(e)));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
              if (e != null) {
                problems.add(new BadRecord(dir, 0, "cannot list the folder: " + describe(e)));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      problems.add(new BadRecord(root, 0, "cannot list the folder: " + describe(e)));
    }
  }

  static String describe(IOException e) {
    String name = e.getClass().getSimpleName().replace("Exception", "");
    return switch (name) {
      case "AccessDenied" -> "permission denied";
      case "NoSuchFile" -> "it no longer exists";
      default -> e.getMessage() != null ? e.getMessage() : name;
    };
  }
}
