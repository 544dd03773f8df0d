package dev.goodhart.synthetic.org;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Feeds a repository's commits to {@code git fast-import}: one git process makes the whole history
 * (a git per commit would take most of the time budget), with each commit's own author, committer,
 * dates, parents and files. A sha is asked for mid-stream only where a later message names it.
 */
final class FastImport implements AutoCloseable {
  private final Process process;
  private final OutputStream in;
  private final BufferedReader out;
  private final CompletableFuture<byte[]> errors;
  private final Path marks;

  FastImport(GitCommand git, Path marks) {
    this.marks = marks;
    this.process =
        git.start(List.of("fast-import", "--quiet", "--done", "--export-marks=" + marks));
    this.in = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.errors = CompletableFuture.supplyAsync(() -> GitCommand.drain(process.getErrorStream()));
  }

  void write(PlannedCommit commit) {
    StringBuilder head = new StringBuilder();
    head.append("commit refs/heads/").append(commit.branch).append('\n');
    head.append("mark :").append(commit.mark).append('\n');
    head.append("author ").append(identity(commit.author)).append('\n');
    head.append("committer ").append(identity(commit.committer)).append('\n');
    text(head.toString());
    data(commit.message);
    StringBuilder files = new StringBuilder();
    for (int i = 0; i < commit.parents.size(); i++) {
      files.append(i == 0 ? "from :" : "merge :").append(commit.parents.get(i).mark).append('\n');
    }
    text(files.toString());
    commit.changes.forEach(
        (path, file) -> {
          if (file == null) {
            text("D " + path + "\n");
          } else {
            text("M 100644 inline " + path + "\n");
            data(file.text());
          }
        });
    text("\n");
  }

  /** The sha of a commit already written. */
  String sha(PlannedCommit commit) {
    text("get-mark :" + commit.mark + "\n");
    try {
      in.flush();
      String line = out.readLine();
      if (line == null || !line.matches("[0-9a-f]{40}")) {
        throw new GitFailedException("git fast-import answered '" + line + "'", null);
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends the stream and returns every mark's sha. */
  Map<Integer, String> finish() {
    text("done\n");
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GitCommand.finish(process, errors, "fast-import", new byte[0]);
    Map<Integer, String> shas = new TreeMap<>();
    try {
      for (String line : Files.readAllLines(marks)) {
        String[] parts = line.split(" ");
        shas.put(Integer.parseInt(parts[0].substring(1)), parts[1]);
      }
      Files.delete(marks);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return shas;
  }

  @Override
  public void close() {
    process.destroy();
  }

  private static String identity(Signature who) {
    int seconds = who.zone().getTotalSeconds();
    int minutes = Math.abs(seconds) / 60;
    String zone =
        (seconds < 0 ? "-" : "+")
            + String.format(java.util.Locale.ROOT, "%02d%02d", minutes / 60, minutes % 60);
    return who.name() + " <" + who.email() + "> " + who.at().getEpochSecond() + " " + zone;
  }

  private void data(String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    text("data " + bytes.length + "\n");
    bytes(bytes);
    text("\n");
  }

  private void text(String text) {
    bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private void bytes(byte[] bytes) {
    try {
      in.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
