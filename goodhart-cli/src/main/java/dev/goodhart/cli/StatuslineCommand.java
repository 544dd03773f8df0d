package dev.goodhart.cli;

import dev.goodhart.cli.statusline.Status;
import dev.goodhart.cli.statusline.StatusLine;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.claudecode.StatusLineInput;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code goodhart statusline}: Claude Code's status line command. Claude Code runs it after every
 * message with JSON about the session on standard input, and shows the first line it prints.
 */
@Command(
    name = "statusline",
    mixinStandardHelpOptions = true,
    description = {
      "Print one line for Claude Code's status line: the session's cost, today's and the current 5-hour block's.",
      "Claude Code sends the session's JSON on standard input; set \"statusLine\": {\"type\": \"command\", \"command\": \"goodhart statusline\"} in ~/.claude/settings.json.",
      "It reads only what the transcripts gained since the last call and keeps a small cache in the data folder, never the store, so it answers while other goodhart commands run.",
      "Exit codes: 0 the line was printed, 2 no input or not Claude Code's status line JSON (the reason goes to standard error), 1 internal error."
    })
final class StatuslineCommand implements Callable<Integer> {
  static final String CACHE_FILE = "statusline/cache.bin";

  private final CliContext context;

  @Option(
      names = {"-z", "--tz", "--timezone"},
      paramLabel = "ZONE",
      description = "Time zone of 'today', e.g. Europe/Berlin or UTC (default: this machine's).")
  @Nullable String zone;

  @Option(
      names = "--cost-source",
      paramLabel = "SOURCE",
      description =
          "Where the session's cost comes from: auto (Claude Code's own figure when it sends one, else the transcripts), hook (Claude Code's only) or logs (the transcripts, priced as every report). Default: ${DEFAULT-VALUE}.")
  StatusLine.CostSource costSource = StatusLine.CostSource.AUTO;

  StatuslineCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    byte[] input;
    try {
      input = context.in.readAllBytes();
    } catch (IOException e) {
      throw new GoodhartException(
          ErrorCode.USAGE_ERROR, "cannot read standard input: " + e.getMessage(), e);
    }
    StatusLineInput hook = input(input);
    Path transcript;
    try {
      transcript = Path.of(hook.transcriptPath());
    } catch (InvalidPathException e) {
      throw CliContext.usageError(
          "'transcript_path' on standard input is not a path: '%s'"
              .formatted(hook.transcriptPath()));
    }
    Trace.mark("statusline input read");
    Status status =
        StatusLine.compute(
            hook,
            transcript,
            new StatusLine.Settings(
                context.dataDirectory().resolve(CACHE_FILE),
                context.environment,
                context.clock,
                zone(),
                costSource,
                pricesFingerprint(),
                () -> Prices.load(context, null)));
    Trace.mark("statusline computed");
    context.out.println(status.line());
    context.out.flush();
    Trace.mark("statusline printed");
    return ExitCodes.OK;
  }

  /** The hook's JSON, or a usage error that says what came instead. */
  private static StatusLineInput input(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      throw CliContext.usageError(
          "no input on standard input: Claude Code sends its status line JSON there; set"
              + " \"statusLine\": {\"type\": \"command\", \"command\": \"goodhart statusline\"}"
              + " in ~/.claude/settings.json");
    }
    try {
      return StatusLineInput.parse(input);
    } catch (BadRecordException e) {
      String first = text.lines().findFirst().orElse("");
      throw CliContext.usageError(
          "standard input is not Claude Code's status line JSON: %s; it begins '%s'"
              .formatted(
                  e.getMessage(), first.length() > 60 ? first.substring(0, 60) + "..." : first));
    }
  }

  private ZoneId zone() {
    if (zone == null) {
      return context.zone;
    }
    try {
      return ZoneId.of(zone.trim());
    } catch (DateTimeException e) {
      throw CliContext.usageError(
          "unknown time zone '%s'; use an IANA name such as Europe/Berlin, America/New_York or UTC"
              .formatted(zone));
    }
  }

  /**
   * The built-in tables change with goodhart's build (its jar, or its classes folder), the stored
   * one with 'prices update'. (Not the version: it would load picocli's classes.)
   */
  private String pricesFingerprint() {
    String built = "unknown";
    try {
      built =
          stamp(Path.of(getClass().getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // no code source: the stored table alone
    }
    return built + "/" + stamp(context.dataDirectory().resolve(Prices.UPDATED_FILE));
  }

  private static String stamp(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return attributes.size() + "@" + attributes.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return "none";
    }
  }
}
