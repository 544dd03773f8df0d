package dev.goodhart.git.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.git.Git;
import dev.goodhart.git.oracle.GitCli;
import dev.goodhart.git.oracle.Signature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The similarity score against the one git prints for a rename ({@code R<percent>} of {@code git
 * diff -M1%}, a file deleted and one added, nothing else to pair them with), on contents chosen to
 * reach every branch of git's hashing: long lines cut at 64 bytes, CRLF, a last line without a line
 * feed (which git counts from 2.43.2), binary files, empty lines.
 */
class SimilarityIndexTest {
  @TempDir Path folder;

  @Test
  void scoresAsTheInstalledGitDoes() throws IOException {
    GitCli git = GitCli.in(folder);
    git.run("init", "-q");
    RenameRules rules = RenameRules.of(Git.in(folder));
    Random random = new Random(7);
    List<String> differences = new ArrayList<>();
    for (int round = 0; round < 60; round++) {
      byte[] source = content(random);
      byte[] destination = mutated(source, random);
      if (java.util.Arrays.equals(source, destination)) {
        continue; // an identical file is an exact rename: git does not score it
      }
      int percent = gitPercent(git, source, destination, round);
      int ours =
          SimilarityIndex.score(
                  SimilarityIndex.of(source, rules.lastLine()),
                  SimilarityIndex.of(destination, rules.lastLine()),
                  SimilarityIndex.MAX_SCORE / 100)
              * 100
              / SimilarityIndex.MAX_SCORE;
      int expected = Math.max(percent, 0);
      // git reports no rename below 1%: ours may then be anything under it, i.e. 0.
      if ((percent < 0 && ours != 0) || (percent >= 0 && ours != expected)) {
        differences.add("round %d: git %d%%, ours %d%%".formatted(round, percent, ours));
      }
    }
    assertEquals(List.of(), differences);
  }

  @Test
  void readsGitVersions() {
    assertEquals(new RenameRules(false, false), RenameRules.ofVersion("git version 2.30.9"));
    assertEquals(new RenameRules(true, false), RenameRules.ofVersion("git version 2.39.5"));
    assertEquals(new RenameRules(true, false), RenameRules.ofVersion("git version 2.43.1"));
    assertEquals(new RenameRules(true, true), RenameRules.ofVersion("git version 2.43.2"));
    assertEquals(
        new RenameRules(true, true), RenameRules.ofVersion("git version 2.50.1 (Apple Git-155)"));
    assertEquals(new RenameRules(true, true), RenameRules.ofVersion("git version 3.0"));
    assertEquals(new RenameRules(true, true), RenameRules.ofVersion("not git"));
  }

  /** git's percentage for a rename from {@code source} to {@code destination}, or -1 for none. */
  private static int gitPercent(GitCli git, byte[] source, byte[] destination, int round)
      throws IOException {
    Path work = git.directory();
    Files.write(work.resolve("source-" + round), source);
    git.run("add", "-A");
    commit(git, round * 2);
    Files.delete(work.resolve("source-" + round));
    Files.write(work.resolve("destination-" + round), destination);
    git.run("add", "-A");
    commit(git, round * 2 + 1);
    String raw = git.run("diff", "-M1%", "--raw", "HEAD^", "HEAD");
    int r = raw.indexOf(" R");
    return r < 0 ? -1 : Integer.parseInt(raw.substring(r + 2, r + 5));
  }

  private static void commit(GitCli git, int second) {
    Signature who =
        new Signature(
            "Oracle",
            "oracle@example.com",
            Instant.ofEpochSecond(1_700_000_000L + second),
            ZoneOffset.UTC);
    git.committing(who, who).run("commit", "-q", "-m", "step " + second);
  }

  /** Lines of random words and lengths, some over 64 bytes, some CRLF, maybe no final line feed. */
  private static byte[] content(Random random) {
    StringBuilder text = new StringBuilder();
    int lines = 1 + random.nextInt(40);
    boolean crlf = random.nextInt(4) == 0;
    for (int i = 0; i < lines; i++) {
      int length = random.nextInt(5) == 0 ? 60 + random.nextInt(140) : random.nextInt(30);
      for (int c = 0; c < length; c++) {
        text.append((char) ('a' + random.nextInt(random.nextBoolean() ? 3 : 26)));
      }
      text.append(crlf && random.nextBoolean() ? "\r\n" : "\n");
    }
    if (random.nextInt(3) == 0) {
      text.append("tail without a line feed ").append(random.nextInt(1000));
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(8) == 0 && bytes.length > 2) {
      bytes[random.nextInt(bytes.length)] = 0; // binary: CRs count as they are
    }
    return bytes;
  }

  /** The content with some lines changed, dropped or added. */
  private static byte[] mutated(byte[] source, Random random) {
    String[] lines = new String(source, StandardCharsets.ISO_8859_1).split("\n", -1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      int roll = random.nextInt(10);
      if (roll == 0) {
        continue;
      }
      text.append(roll == 1 ? lines[i] + "changed" : lines[i]);
      if (roll == 2) {
        text.append("\nadded line ").append(random.nextInt(100));
      }
      if (i < lines.length - 1) {
        text.append('\n');
      }
    }
    return text.toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
