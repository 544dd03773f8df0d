import dev.goodhart.git.fate.EngineSnapshot;
import java.nio.file.Path;

/**
 * Prints the head's lines by owner from a scan's line-fate snapshot (the data folder's {@code
 * git-state/*.bin}), one {@code sha<TAB>lines<TAB>path} row per commit and file, as bench/blame-real
 * prints git blame's: run as a source file with goodhart's jar on the class path.
 */
public class SnapshotOwners {
  public static void main(String[] args) throws Exception {
    StringBuilder out = new StringBuilder();
    EngineSnapshot.read(Path.of(args[0]))
        .ownersAtHead()
        .forEach(
            (path, owners) ->
                owners.forEach(
                    (sha, lines) ->
                        out.append(sha).append('\t').append(lines).append('\t').append(path)
                            .append('\n')));
    System.out.print(out);
  }
}
