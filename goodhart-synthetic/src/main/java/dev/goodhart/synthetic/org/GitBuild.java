package dev.goodhart.synthetic.org;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a model's repository a real one: {@code git init}, the history through fast-import; learns
 * from {@code git log} each commit's sha, its abbreviation and the summary {@code git commit}
 * printed for it; then deletes the branches of merged pull requests (as GitHub offers to: their
 * commits stay in the repository, unreachable, as in the clone of whoever worked on them), checks
 * main out and names the origin it would have been cloned from (nothing is fetched).
 */
final class GitBuild {
  private GitBuild() {}

  static void build(RepositoryModel repository, List<String> mergedBranches, Instant now) {
    try {
      Files.createDirectories(repository.path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GitCommand git = new GitCommand(repository.path, now);
    git.run("init", "-q", "-b", RepositoryModel.MAIN);
    Map<Integer, String> shas;
    try (FastImport stream =
        new FastImport(git, repository.path.resolve(".git").resolve("synthetic-marks"))) {
      for (PlannedCommit commit : repository.commits) {
        PlannedCommit reverted = commit.revertOf;
        if (reverted != null) {
          commit.message = CommitMessages.revert(reverted.subject(), stream.sha(reverted));
        }
        stream.write(commit);
      }
      shas = stream.finish();
    }
    for (PlannedCommit commit : repository.commits) {
      commit.sha = shas.get(commit.mark);
    }
    summaries(repository, git);
    if (!mergedBranches.isEmpty()) {
      StringBuilder deletions = new StringBuilder();
      mergedBranches.forEach(
          branch -> deletions.append("delete refs/heads/").append(branch).append('\n'));
      git.run(deletions.toString().getBytes(StandardCharsets.UTF_8), "update-ref", "--stdin");
    }
    git.run("reset", "-q", "--hard", RepositoryModel.MAIN);
    git.run("remote", "add", "origin", repository.originUrl());
  }

  /** Each commit's abbreviated sha and stat, from one {@code git log}. */
  private static void summaries(RepositoryModel repository, GitCommand git) {
    String log = git.run("log", "--all", "--format=%x01%H %h", "--shortstat", "--summary");
    Map<String, String[]> bySha = new HashMap<>();
    for (String entry : log.split("\u0001")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] lines = entry.split("\n");
      String[] ids = lines[0].split(" ");
      StringBuilder summary = new StringBuilder();
      for (int i = 1; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          summary.append(lines[i]).append('\n');
        }
      }
      bySha.put(ids[0], new String[] {ids[1], summary.toString()});
    }
    for (PlannedCommit commit : repository.commits) {
      String[] found = bySha.get(commit.sha());
      if (found == null) {
        throw new IllegalStateException("git log does not show " + commit.sha());
      }
      commit.shortSha = found[0];
      commit.summary = found[1];
    }
  }
}
