package dev.goodhart.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Makes the history of {@link LargeRepository}, commit by commit, into a fast-import stream. Most
 * commits land on the main line and edit one to five files; up to three feature branches are in
 * flight at a time and end in a two-parent merge commit. Rarely a commit renames, deletes or
 * re-adds a file, or changes a binary one. The mix is random but chosen so that the history has
 * exactly the number of commits asked for, and exactly the number of text files at its head.
 */
final class HistoryGenerator {
  private static final String MAIN = "refs/heads/main";

  /** Every branch commit goes to this ref, which {@link LargeRepository} deletes at the end. */
  static final String FEATURE = "refs/heads/feature";

  private static final int MAX_OPEN_BRANCHES = 3;
  private static final Instant FIRST_COMMIT = Instant.parse("2024-01-02T08:00:00Z");
  private static final Duration SPAN = Duration.ofDays(730);
  private static final byte[] PNG_SIGNATURE = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, '\r', 'I', 'H', 'D', 'R'
  };

  private final int commits;
  private final int textFiles;
  private final Random random;
  private final SourceText text;
  private final FileEdits edits;
  private final PathNames names;
  private final CommitAuthors authors;
  private final CommitMessages messages;
  private final CommitClock clock;
  private final FastImportWriter out;
  private final WorkingTree main = new WorkingTree();
  private final Set<String> reserved = new HashSet<>();
  private final List<FeatureBranch> open = new ArrayList<>();

  /** Files deleted from the main line, with their last text, which a re-add may bring back. */
  private final Map<String, List<String>> deleted = new LinkedHashMap<>();

  private final RepositoryShape.Tally tally = new RepositoryShape.Tally();
  private int made;
  private int mainTip;
  private int nextPullRequest = 101;

  HistoryGenerator(LargeRepositoryOptions options, FastImportWriter out) {
    this.commits = options.commits();
    this.textFiles = options.files();
    this.random = new Random(options.seed());
    this.text = new SourceText(random);
    this.edits = new FileEdits(random, text);
    this.names = new PathNames(random, text);
    this.authors = new CommitAuthors(random);
    this.messages = new CommitMessages(random, text);
    this.clock = new CommitClock(FIRST_COMMIT, SPAN, commits, random);
    this.out = out;
  }

  RepositoryShape generate() {
    initialCommit();
    while (made < commits) {
      step();
    }
    return tally.shape(made, main.textFiles(), main.binaryFiles(), main.lines());
  }

  private void step() {
    int remaining = commits - made;
    if (remaining <= open.size() + 1) {
      // The end: merge what is in flight, then one last commit that settles the file count.
      if (open.isEmpty()) {
        finalCommit();
      } else {
        merge(open.getFirst());
      }
      return;
    }
    double roll = random.nextDouble();
    boolean firstBranchDue = tally.merges == 0 && open.isEmpty() && made >= commits / 5;
    if (!open.isEmpty() && roll < 0.30) {
      FeatureBranch branch = open.get(random.nextInt(open.size()));
      if (branch.finished()) {
        merge(branch);
      } else {
        branchCommit(branch);
      }
    } else if (open.size() < MAX_OPEN_BRANCHES
        && remaining > open.size() + 12
        && (roll > 0.93 || firstBranchDue)) {
      Optional<FeatureBranch> branch = openBranch();
      if (branch.isPresent()) {
        branchCommit(branch.get());
      } else {
        mainCommit();
      }
    } else {
      mainCommit();
    }
  }

  private void initialCommit() {
    List<FileCommand> commands = new ArrayList<>();
    for (int i = 0; i < Math.max(1, textFiles * 55 / 100); i++) {
      addNewFile(commands, 50 + random.nextInt(250));
    }
    for (int i = 0; i < Math.max(2, textFiles / 100); i++) {
      String path = names.newBinary();
      byte[] content = binary();
      main.putBinary(path, content);
      commands.add(new FileCommand.Modify(path, content));
    }
    mainTip =
        write(
            MAIN,
            authors.next(),
            messages.message("Initial import", List.of()),
            List.of(),
            commands);
  }

  private void mainCommit() {
    List<FileCommand> commands = new ArrayList<>();
    Set<String> touched = new HashSet<>();
    structuralChange(commands, touched);
    int wanted = Math.max(touched.isEmpty() ? 1 : 0, filesPerCommit() - touched.size());
    for (int i = 0; i < wanted; i++) {
      String path = editable(touched);
      if (path == null) {
        break;
      }
      List<String> after = edits.edit(main.lines(path).orElseThrow(), 3);
      main.put(path, after);
      commands.add(new FileCommand.Modify(path, WorkingTree.bytes(after)));
      touched.add(path);
    }
    if (commands.isEmpty()) {
      addNewFile(commands, 60); // every other file is reserved by a branch: rare, but possible
    }
    writeMain(commands);
  }

  /** At most one of: files added to keep pace with the wanted count, a rename, a deletion. */
  private void structuralChange(List<FileCommand> commands, Set<String> touched) {
    int adds = addsWanted();
    boolean reAddDue = tally.reAdds == 0 && made >= commits / 2 && !deleted.isEmpty();
    if (adds > 0 || reAddDue) {
      for (int i = 0; i < Math.max(adds, 1); i++) {
        if (!deleted.isEmpty() && (reAddDue || random.nextInt(4) == 0)) {
          reAdd(commands, touched);
          reAddDue = false;
        } else {
          touched.add(addNewFile(commands, 50 + random.nextInt(150)));
        }
      }
      return;
    }
    double roll = random.nextDouble();
    if (roll < 0.012 || (tally.renames == 0 && made >= commits / 4)) {
      String from = editable(touched);
      if (from != null) {
        String to = names.movedFrom(from);
        List<String> lines = main.lines(from).orElseThrow();
        main.remove(from);
        main.put(to, rename(from, to, lines, commands));
        touched.add(from);
        touched.add(to);
      }
    } else if ((roll < 0.022 && commits - made > 20)
        || (tally.deletions == 0 && made >= commits / 3)) {
      String path = editable(touched);
      if (path != null) {
        deleted.put(path, main.lines(path).orElseThrow());
        main.remove(path);
        commands.add(new FileCommand.Delete(path));
        touched.add(path);
        tally.deletions++;
      }
    } else if (roll < 0.030) {
      String path = main.binaryPath(random.nextInt(main.binaryFiles()));
      byte[] content = binary();
      main.putBinary(path, content);
      commands.add(new FileCommand.Modify(path, content));
      tally.binaryChanges++;
    }
  }

  /**
   * How many files this commit should add so that the head ends with the wanted number: the files
   * still missing, spread over the main-line commits still to come.
   */
  private int addsWanted() {
    int pending = 0;
    for (FeatureBranch branch : open) {
      pending += branch.netFiles();
    }
    int missing = textFiles - main.textFiles() - pending;
    if (missing <= 0) {
      return 0;
    }
    double perCommit = missing / Math.max(1.0, (commits - made) * 0.6);
    int adds = (int) perCommit + (random.nextDouble() < perCommit % 1 ? 1 : 0);
    return Math.min(adds, 3);
  }

  private String addNewFile(List<FileCommand> commands, int lines) {
    String path = names.newSource();
    List<String> content = text.file(PathNames.packageOf(path), PathNames.className(path), lines);
    main.put(path, content);
    commands.add(new FileCommand.Modify(path, WorkingTree.bytes(content)));
    return path;
  }

  /** A deleted file back at its old path: as it was (a reverted deletion), or written anew. */
  private void reAdd(List<FileCommand> commands, Set<String> touched) {
    List<String> paths = new ArrayList<>(deleted.keySet());
    String path = paths.get(random.nextInt(paths.size()));
    List<String> old = deleted.remove(path);
    List<String> content =
        random.nextBoolean()
            ? old
            : text.file(PathNames.packageOf(path), PathNames.className(path), 80);
    main.put(path, content);
    commands.add(new FileCommand.Modify(path, WorkingTree.bytes(content)));
    touched.add(path);
    tally.reAdds++;
  }

  /** Adds a rename, sometimes with an edit small enough for git to still see a rename. */
  private List<String> rename(
      String from, String to, List<String> lines, List<FileCommand> commands) {
    commands.add(new FileCommand.Rename(from, to));
    tally.renames++;
    if (random.nextBoolean()) {
      return lines;
    }
    List<String> edited = edits.edit(lines, 1);
    commands.add(new FileCommand.Modify(to, WorkingTree.bytes(edited)));
    return edited;
  }

  private Optional<FeatureBranch> openBranch() {
    Map<String, List<String>> files = new LinkedHashMap<>();
    int wanted = 1 + random.nextInt(4);
    for (int i = 0; i < wanted; i++) {
      String path = editable(files.keySet());
      if (path != null) {
        files.put(path, main.lines(path).orElseThrow());
      }
    }
    if (files.isEmpty()) {
      return Optional.empty();
    }
    reserved.addAll(files.keySet());
    int pullRequest = nextPullRequest++;
    String first = files.keySet().iterator().next();
    String name = "%s-%s-%d".formatted(text.verb(), text.noun(), pullRequest);
    int planned = 1 + Math.min(9, (int) (-Math.log(1 - random.nextDouble()) * 2.5));
    FeatureBranch branch =
        new FeatureBranch(pullRequest, name, messages.subject(first), planned, mainTip, files);
    open.add(branch);
    return Optional.of(branch);
  }

  private void branchCommit(FeatureBranch branch) {
    List<FileCommand> commands = new ArrayList<>();
    Set<String> touched = new HashSet<>();
    List<String> paths = branch.paths();
    double roll = random.nextDouble();
    if (roll < 0.15) {
      String path = names.newSource();
      List<String> content =
          text.file(PathNames.packageOf(path), PathNames.className(path), 50 + random.nextInt(100));
      branch.files.put(path, content);
      commands.add(new FileCommand.Modify(path, WorkingTree.bytes(content)));
      touched.add(path);
    } else if (roll < 0.20) {
      String from = paths.get(random.nextInt(paths.size()));
      String to = names.movedFrom(from);
      List<String> lines = branch.files.get(from);
      branch.remove(from);
      branch.files.put(to, rename(from, to, lines, commands));
      touched.add(to);
    } else if (roll < 0.23 && paths.size() > 1) {
      String path = paths.get(random.nextInt(paths.size()));
      branch.remove(path);
      commands.add(new FileCommand.Delete(path));
      touched.add(path);
      tally.deletions++;
    }
    List<String> editable = new ArrayList<>(branch.paths());
    editable.removeAll(touched);
    int wanted = touched.isEmpty() ? 1 + random.nextInt(Math.min(3, editable.size())) : 0;
    for (int i = 0; i < wanted; i++) {
      String path = editable.remove(random.nextInt(editable.size()));
      List<String> after = edits.edit(branch.files.get(path), 3);
      branch.files.put(path, after);
      commands.add(new FileCommand.Modify(path, WorkingTree.bytes(after)));
    }
    CommitAuthors.Authorship who = authors.next();
    String subject = messages.subject(commands.getFirst());
    branch.tip =
        write(
            FEATURE, who, messages.message(subject, who.trailers()), List.of(branch.tip), commands);
    branch.commits++;
  }

  /**
   * The merge of a finished branch: the main line's tree with the branch's files laid over it,
   * since the main line did not touch them after the fork.
   */
  private void merge(FeatureBranch branch) {
    List<FileCommand> commands = new ArrayList<>();
    for (String gone : branch.gone) {
      deleted.put(gone, main.lines(gone).orElseThrow());
      main.remove(gone);
      commands.add(new FileCommand.Delete(gone));
    }
    for (Map.Entry<String, List<String>> file : branch.files.entrySet()) {
      if (!main.lines(file.getKey()).equals(Optional.of(file.getValue()))) {
        main.put(file.getKey(), file.getValue());
        commands.add(new FileCommand.Modify(file.getKey(), WorkingTree.bytes(file.getValue())));
      }
    }
    reserved.removeAll(branch.reserved);
    open.remove(branch);
    mainTip =
        write(
            MAIN,
            authors.merger(),
            CommitMessages.merge(branch.pullRequest, branch.name, branch.title),
            List.of(mainTip, branch.tip),
            commands);
    tally.merges++;
  }

  /** The last commit: adds or deletes what it takes to end with the wanted number of files. */
  private void finalCommit() {
    List<FileCommand> commands = new ArrayList<>();
    Set<String> touched = new HashSet<>();
    while (main.textFiles() < textFiles) {
      touched.add(addNewFile(commands, 50 + random.nextInt(150)));
    }
    while (main.textFiles() > textFiles) {
      String path = editable(touched);
      if (path == null) {
        break;
      }
      deleted.put(path, main.lines(path).orElseThrow());
      main.remove(path);
      commands.add(new FileCommand.Delete(path));
      touched.add(path);
      tally.deletions++;
    }
    if (commands.isEmpty()) {
      String path = editable(touched);
      if (path != null) {
        List<String> after = edits.edit(main.lines(path).orElseThrow(), 1);
        main.put(path, after);
        commands.add(new FileCommand.Modify(path, WorkingTree.bytes(after)));
      }
    }
    writeMain(commands);
  }

  private void writeMain(List<FileCommand> commands) {
    CommitAuthors.Authorship who = authors.next();
    String message = messages.message(messages.subject(commands.getFirst()), who.trailers());
    mainTip = write(MAIN, who, message, List.of(mainTip), commands);
  }

  private int write(
      String ref,
      CommitAuthors.Authorship who,
      String message,
      List<Integer> parents,
      List<FileCommand> commands) {
    long committedAt = clock.next();
    long authoredAt = parents.size() > 1 ? committedAt : clock.authoredBefore(committedAt);
    int mark = out.commit(ref, who, authoredAt, committedAt, message, parents, commands);
    made++;
    if (who.agent() != null) {
      tally.aiCommits++;
    }
    tally.seen(committedAt);
    return mark;
  }

  /**
   * A main-line text file no branch has reserved and not in {@code exclude}; half the time one of
   * the oldest sixth, which real histories edit most. Null when none is found quickly.
   */
  private @Nullable String editable(Set<String> exclude) {
    int files = main.textFiles();
    for (int attempt = 0; attempt < 40 && files > 0; attempt++) {
      int index =
          random.nextBoolean() ? random.nextInt(Math.max(1, files / 6)) : random.nextInt(files);
      String path = main.textPath(index);
      if (!reserved.contains(path) && !exclude.contains(path)) {
        return path;
      }
    }
    return null;
  }

  private int filesPerCommit() {
    int roll = random.nextInt(100);
    return roll < 40 ? 1 : roll < 65 ? 2 : roll < 80 ? 3 : roll < 92 ? 4 : 5;
  }

  private byte[] binary() {
    byte[] content = new byte[300 + random.nextInt(3700)];
    random.nextBytes(content);
    System.arraycopy(PNG_SIGNATURE, 0, content, 0, PNG_SIGNATURE.length);
    return content;
  }
}
