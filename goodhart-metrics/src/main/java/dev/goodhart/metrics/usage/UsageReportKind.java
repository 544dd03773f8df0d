package dev.goodhart.metrics.usage;

/** The reports of {@code goodhart usage}; the JSON array of each is named after it. */
public enum UsageReportKind {
  DAILY("daily"),
  WEEKLY("weekly"),
  MONTHLY("monthly"),
  SESSION("session"),
  BLOCKS("blocks");

  private final String jsonName;

  UsageReportKind(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }
}
