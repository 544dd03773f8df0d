package dev.goodhart.synthetic;

import java.util.Random;

/**
 * Filler text shaped like what transcripts mostly hold: source code, command output and prose, with
 * the quotes, backslashes, tabs, line ends and non-ASCII letters that JSON has to escape. Built
 * once, then sliced, so that writing a gigabyte costs little more than copying it.
 */
final class TextPool {
  private static final int SIZE = 1 << 20;
  private static final String[] CODE = {
    "    if (value == null || value.isEmpty()) {\n      return \"n/a\";\n    }\n",
    "  private final Map<String, List<Entry>> byKey = new HashMap<>();\n",
    "def parse(line: str) -> dict:\n\treturn json.loads(line.strip())\n",
    "const total = rows.reduce((sum, row) => sum + row.cost, 0);\n",
    "src/main/java/com/acme/billing/InvoiceService.java:142:    throw new IllegalStateException(\"closed\");\n",
    "error[E0308]: mismatched types\n  --> src/lib.rs:27:9\n   |\n27 |         Some(x)\n",
    "[INFO] Tests run: 48, Failures: 0, Errors: 0, Skipped: 2, Time elapsed: 3.21 s\n",
    "diff --git a/README.md b/README.md\n@@ -1,4 +1,6 @@\n-Old line\n+New line with café and naïve → done\n",
    "SELECT repo, sum(cost_usd) FROM usage_event WHERE ts >= '2026-09-01' GROUP BY 1;\n",
    "The function reads the configuration, validates the \\\"path\\\" option and retries twice.\n",
    "  \"dependencies\": {\n    \"react\": \"^19.1.0\",\n    \"zod\": \"^4.0.5\"\n  },\n",
    "Überprüfe die Eingabe — 日本語のコメント — ok ✓\n",
    "drwxr-xr-x  5 dev dev  4096 Sep  3 10:12 node_modules\n-rw-r--r--  1 dev dev   812 Sep  3 10:12 package.json\n",
  };

  private final String text;
  private final Random random;

  TextPool(Random random) {
    this.random = random;
    StringBuilder out = new StringBuilder(SIZE + 256);
    while (out.length() < SIZE) {
      out.append(CODE[random.nextInt(CODE.length)]);
    }
    this.text = out.toString();
  }

  /** About {@code length} characters of filler from a random place. */
  String slice(int length) {
    int wanted = Math.max(1, Math.min(length, SIZE / 2));
    int start = random.nextInt(text.length() - wanted);
    return text.substring(start, start + wanted);
  }

  /** A length drawn from a log-normal distribution with the given median, within bounds. */
  int logNormal(int median, double sigma, int min, int max) {
    double value = median * Math.exp(sigma * random.nextGaussian());
    return (int) Math.max(min, Math.min(max, value));
  }
}
