package dev.goodhart.git.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ReferencesTest {
  private static final String SHA = "3f5e2a1b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f";

  @Test
  void findsTheCommitARevertUndoes() {
    // What git revert writes.
    assertEquals(
        Optional.of(SHA),
        References.revertOf("Revert \"Add the cache\"\n\nThis reverts commit " + SHA + ".\n"));
    // Abbreviated, in upper case, with a reason below and CRLF line ends.
    assertEquals(
        Optional.of("3F5E2A1"),
        References.revertOf(
            "Revert \"Add the cache\"\r\n\r\nThis reverts commit 3F5E2A1.\r\n\r\nIt broke CI.\r\n"));
    // A reverted merge: the merge commit, not the parent it goes back to.
    assertEquals(
        Optional.of(SHA),
        References.revertOf(
            "Revert \"Merge pull request #7 from acme/cache\"\n\nThis reverts commit "
                + SHA
                + ", reversing\nchanges made to 0123456789abcdef0123456789abcdef01234567.\n"));
    // Newer git titles a revert of a revert Reapply "…", older git Revert "Revert "…"".
    assertEquals(
        Optional.of("abcdef0123456"),
        References.revertOf("Reapply \"Add the cache\"\n\nThis reverts commit abcdef0123456.\n"));
    assertEquals(
        Optional.of("abcdef0"),
        References.revertOf(
            "Revert \"Revert \"Add the cache\"\"\n\nThis reverts commit abcdef0.\n"));
    // A SHA-256 repository.
    String sha256 = "a".repeat(64);
    assertEquals(
        Optional.of(sha256),
        References.revertOf("Revert \"x\"\n\nThis reverts commit " + sha256 + "."));
  }

  @Test
  void aHashQuotedOutsideGitsSentenceIsNoRevert() {
    // Mentioned in prose.
    assertEquals(
        Optional.empty(), References.revertOf("Fix the cache\n\nThe bug came with " + SHA + ".\n"));
    // The sentence quoted inside a line, not on its own.
    assertEquals(
        Optional.empty(),
        References.revertOf("Explain reverts\n\nGit writes 'This reverts commit " + SHA + ".'\n"));
    // Quoted in an e-mail reply.
    assertEquals(
        Optional.empty(), References.revertOf("Fix\n\n> This reverts commit " + SHA + ".\n"));
    // Too short to be an object name, or not hex.
    assertEquals(Optional.empty(), References.revertOf("Revert\n\nThis reverts commit abc123.\n"));
    assertEquals(Optional.empty(), References.revertOf("Revert\n\nThis reverts commit main.\n"));
    // A subject alone says nothing about which commit.
    assertEquals(Optional.empty(), References.revertOf("Revert \"Add the cache\""));
  }

  @Test
  void findsThePullRequestAMergeOrSquashLands() {
    assertEquals(
        OptionalInt.of(123),
        pullRequest("Merge pull request #123 from acme/feature-x\n\nAdd feature X\n"));
    assertEquals(OptionalInt.of(4567), pullRequest("Add feature X (#4567)\n\n* wip\n"));
    assertEquals(
        OptionalInt.of(45),
        pullRequest(
            "Merge branch 'feature-x' into 'main'\n\nAdd feature X\n\nCloses #12\n\n"
                + "See merge request acme/platform/widgets!45\n"));
    // A GitLab squash commit: the request's title, then the reference.
    assertEquals(
        OptionalInt.of(8),
        pullRequest("Add feature X\r\n\r\nSee merge request acme/widgets!8\r\n"));
    assertEquals(
        OptionalInt.of(12), pullRequest("Merged in feature/x (pull request #12)\n\nAdd X\n"));
    assertEquals(OptionalInt.of(3141), pullRequest("Merged PR 3141: Add feature X\n"));
  }

  @Test
  void prefersTheSubjectsFormToTheBodysAndIgnoresMentions() {
    // A squash of a branch that merged a GitLab request earlier: the subject decides.
    assertEquals(
        OptionalInt.of(30),
        pullRequest("Add X (#30)\n\n* Merge branch 'a'\n\nSee merge request acme/widgets!9\n"));
    // An issue, not a pull request.
    assertEquals(OptionalInt.empty(), pullRequest("Fix the cache, fixes #12\n\nCloses #13\n"));
    assertEquals(OptionalInt.empty(), pullRequest("Fix the cache\n\nSee #12 (#13) for more.\n"));
    // A revert of a squash keeps the number inside the quotes.
    assertEquals(
        OptionalInt.empty(),
        pullRequest("Revert \"Add X (#30)\"\n\nThis reverts commit abcdef0.\n"));
    assertEquals(OptionalInt.of(31), pullRequest("Revert \"Add X (#30)\" (#31)\n"));
    // No number, zero, or more than an int holds.
    assertEquals(OptionalInt.empty(), pullRequest("Add X (#)\n"));
    assertEquals(OptionalInt.empty(), pullRequest("Add X (#0)\n"));
    assertEquals(OptionalInt.empty(), pullRequest("Add X (#99999999999)\n"));
    // Mentioned in prose, not written by GitLab.
    assertEquals(
        OptionalInt.empty(),
        pullRequest("Fix\n\nAs discussed in See merge request a/b!4 today.\n"));
  }

  private static OptionalInt pullRequest(String message) {
    return References.pullRequest(message.lines().findFirst().orElse(""), message);
  }
}
