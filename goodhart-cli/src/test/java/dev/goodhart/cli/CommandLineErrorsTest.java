package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mistakes on the command line exit with code 2 and a message that names the value and the fix. */
class CommandLineErrorsTest {
  @TempDir Path folder;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(folder);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "usage daily --since 2026-13-01 | --since '2026-13-01' is not a date; use YYYY-MM-DD or YYYYMMDD",
        "usage daily --until yesterday | --until 'yesterday' is not a date",
        "usage daily --since 20260310 --until 20260301 | --since '20260310' is after --until '20260301'",
        "usage daily --tz Mars/Olympus | unknown time zone 'Mars/Olympus'",
        "usage daily --source claude,cursorx | unknown source 'cursorx'; known sources: claude, codex, gemini, opencode, amp, codebuff, copilot, droid",
        "usage daily --json --csv | choose one output: --json or --csv",
        "usage daily --last 0 | --last must be at least 1",
        "usage daily --last 3 --since 2026-01-01 | --last and --since both set the first day",
        "usage daily --mode guess | Invalid value for option '--mode'",
        "usage dayly | Did you mean",
        "usage | name a report",
        "import usage --from-dir . | --from-dir needs --machine NAME",
        "import usage --machine laptop | --machine only applies to --from-dir",
        "import usage /no/such/path | '/no/such/path' does not exist",
        "usage daily --price-file /no/such/prices.json | price file '/no/such/prices.json' does not exist",
      })
  void exitsWithTwoAndSaysWhatIsWrong(String arguments, String message) {
    CliHarness.Result result = cli.run(arguments.trim().split(" "));

    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.err().contains(message.trim()), result::toString);
  }
}
