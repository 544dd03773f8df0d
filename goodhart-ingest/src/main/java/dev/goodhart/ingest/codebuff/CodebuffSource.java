package dev.goodhart.ingest.codebuff;

import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.FileLayout;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.UsageSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Codebuff (formerly Manicode) keeps chats in {@code projects/<project>/chats/<chat>/
 * chat-messages.json} of a channel folder: {@code ~/.config/manicode}, and {@code manicode-dev} and
 * {@code manicode-staging} beside it for its other release channels. A chat's folder is named after
 * the time it started, with dashes for colons ({@code 2026-01-02T03-04-05.000Z}). {@code
 * CODEBUFF_DATA_DIR}, the comma-separated channel folders ccusage reads, replaces the defaults.
 */
public final class CodebuffSource implements UsageSource {
  static final String DATA_DIR_VARIABLE = "CODEBUFF_DATA_DIR";
  static final String CHAT_FILE = "chat-messages.json";
  private static final List<String> CHANNELS =
      List.of("manicode", "manicode-dev", "manicode-staging");

  @Override
  public String name() {
    return CodebuffChatParser.SOURCE;
  }

  @Override
  public String description() {
    return "Codebuff chat histories";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    List<Path> channels = new ArrayList<>();
    environment
        .get(DATA_DIR_VARIABLE)
        .ifPresentOrElse(
            folders -> {
              for (String folder : folders.split(",")) {
                if (!folder.isBlank()) {
                  channels.add(environment.expand(folder));
                }
              }
            },
            () -> CHANNELS.forEach(c -> channels.add(environment.home().resolve(".config/" + c))));
    return channels.stream().map(CodebuffSource::projectsOf).toList();
  }

  /** A channel folder's {@code projects/}; a folder that is one already stays as it is. */
  private static Path projectsOf(Path channel) {
    Path name = channel.getFileName();
    return name != null && name.toString().equals("projects")
        ? channel
        : channel.resolve("projects");
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    List<Path> roots = new ArrayList<>();
    CHANNELS.forEach(c -> roots.add(copy.resolve(".config/" + c + "/projects")));
    CHANNELS.forEach(c -> roots.add(copy.resolve(c + "/projects")));
    return roots;
  }

  /** {@code <project>/chats/<chat>/chat-messages.json}. */
  @Override
  public boolean isLogFile(Path root, Path file) {
    Path relative = root.relativize(file);
    return file.getFileName().toString().equals(CHAT_FILE)
        && relative.getNameCount() == 4
        && relative.getName(1).toString().equals("chats");
  }

  @Override
  public boolean recognizes(Path file, byte[] head) {
    String start = new String(head, StandardCharsets.UTF_8).stripLeading();
    return file.getFileName().toString().equals(CHAT_FILE) && start.startsWith("[");
  }

  @Override
  public FileLayout layout(Path file) {
    return FileLayout.WHOLE_FILE;
  }

  @Override
  public @Nullable String project(Path root, Path file) {
    Path relative = root.relativize(file);
    return relative.getNameCount() >= 4 ? relative.getName(0).toString() : null;
  }

  /**
   * The session is {@code <channel>/<project>/<chat>}, as ccusage names it: a chat id alone is a
   * time, which two projects may share.
   */
  @Override
  public RecordParser newParser(LogFile file, String state) {
    Path chatFolder = file.path().getParent();
    String chat =
        chatFolder != null && chatFolder.getFileName() != null
            ? chatFolder.getFileName().toString()
            : file.stem();
    Path channelFolder = file.root().getParent();
    String channel =
        channelFolder != null && channelFolder.getFileName() != null
            ? channelFolder.getFileName().toString()
            : "manicode";
    String project = file.project() != null ? file.project() : "unknown";
    return new CodebuffChatParser(file, channel + "/" + project + "/" + chat, chatStarted(chat));
  }

  /** {@code 2026-01-02T03-04-05.000Z} back to the time it names, or null when it names none. */
  static @Nullable Instant chatStarted(String chat) {
    int t = chat.indexOf('T');
    if (t < 0) {
      return null;
    }
    String time = chat.substring(t + 1).replaceFirst("-", ":").replaceFirst("-", ":");
    try {
      Instant started = Instant.parse(chat.substring(0, t + 1) + time);
      return started.isBefore(Instant.EPOCH)
              || started.isAfter(Instant.parse("2100-01-01T00:00:00Z"))
          ? null
          : started;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
