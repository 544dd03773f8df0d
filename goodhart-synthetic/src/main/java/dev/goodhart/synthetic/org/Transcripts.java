package dev.goodhart.synthetic.org;

import dev.goodhart.synthetic.SessionScript;
import dev.goodhart.synthetic.SessionScript.Agent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Tells a session's story as a script once the repositories exist: its prompts and requests at the
 * outline's times, the edits it made as the agent's tool inputs, and its commits with the output
 * {@code git commit} printed for them, shas and all.
 */
final class Transcripts {
  private final Random random;

  Transcripts(Random random) {
    this.random = random;
  }

  SessionScript script(SessionPlan session, RepositoryModel repository) {
    Path root = repository.path;
    Path cwd = session.folder.isEmpty() ? root : root.resolve(session.folder);
    List<SessionScript.Step> steps = new ArrayList<>();
    int edit = 0;
    int commit = 0;
    for (SessionPlan.Slot slot : session.slots) {
      SessionScript.Step step =
          switch (slot.kind()) {
            case PROMPT -> new SessionScript.Prompt(slot.at(), slot.text());
            case ANSWER -> new SessionScript.Answer(slot.at());
            case READ ->
                new SessionScript.Call(
                    slot.at(), new SessionScript.ReadFile(anyFile(session, root)));
            case SEARCH ->
                new SessionScript.Call(
                    slot.at(),
                    new SessionScript.Search(
                        pattern(repository),
                        root.resolve(repository.domain.sourceFolder()).toString()));
            case TEST ->
                new SessionScript.Call(
                    slot.at(),
                    new SessionScript.Command(
                        repository.domain.language().testCommand(), "Run the tests", null));
            case EDIT -> new SessionScript.Call(slot.at(), tool(session.changes.get(edit++), root));
            case STAGE ->
                new SessionScript.Call(
                    slot.at(),
                    new SessionScript.Command(
                        stage(session.commitFiles.get(commit), root, cwd),
                        "Stage the changes",
                        ""));
            case COMMIT -> {
              PlannedCommit made = session.commits.get(commit++);
              String command =
                  session.agent == Agent.CODEX
                      ? CommitMessages.codexCommand(made.message)
                      : CommitMessages.claudeCommand(made.message);
              yield new SessionScript.Call(
                  slot.at(),
                  new SessionScript.Command(command, "Commit the changes", made.commitOutput()));
            }
          };
      steps.add(step);
    }
    PlannedCommit head = session.head;
    return new SessionScript(
        session.agent,
        cwd.toString(),
        session.branch,
        session.person.zone(),
        session.agent == Agent.CODEX ? session.person.codexModel() : session.person.claudeModel(),
        session.effort,
        head == null ? null : head.sha(),
        "git@github.com:" + repository.fullName() + ".git",
        steps);
  }

  private static SessionScript.Tool tool(FileChange change, Path root) {
    String path = root.resolve(change.path()).toString();
    SourceFile before = change.before();
    if (before == null) {
      return new SessionScript.CreateFile(path, change.after().lines());
    }
    return new SessionScript.EditFile(path, before.lines(), change.hunks());
  }

  /** A file to read: one the session edits, more often than not, else any it could see. */
  private String anyFile(SessionPlan session, Path root) {
    List<String> files =
        !session.changes.isEmpty() && random.nextBoolean()
            ? session.changes.stream().map(FileChange::path).toList()
            : session.knownFiles;
    return root.resolve(files.get(random.nextInt(files.size()))).toString();
  }

  private String pattern(RepositoryModel repository) {
    List<String> nouns = repository.domain.nouns();
    String noun = nouns.get(random.nextInt(nouns.size()));
    return random.nextBoolean() ? noun : Language.capitalised(noun) + "\\w*";
  }

  /** {@code git add} of the files a commit holds, as seen from the working directory. */
  private static String stage(Map<String, SourceFile> files, Path root, Path cwd) {
    StringBuilder command = new StringBuilder("git add");
    for (String file : files.keySet()) {
      command.append(' ').append(cwd.relativize(root.resolve(file)));
    }
    return command.toString();
  }
}
