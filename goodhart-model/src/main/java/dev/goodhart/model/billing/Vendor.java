package dev.goodhart.model.billing;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/** A vendor whose bills goodhart reads, by the name reports and JSON use for it. */
public enum Vendor {
  ANTHROPIC("anthropic", "Anthropic"),
  OPENAI("openai", "OpenAI"),
  COPILOT("copilot", "GitHub Copilot"),
  CURSOR("cursor", "Cursor");

  private final String wireName;
  private final String title;

  Vendor(String wireName, String title) {
    this.wireName = wireName;
    this.title = title;
  }

  /** {@code anthropic}: the key of its figures in JSON and its name on the command line. */
  public String wireName() {
    return wireName;
  }

  /** {@code GitHub Copilot}: its name in sentences and tables. */
  public String title() {
    return title;
  }

  public static Optional<Vendor> of(String name) {
    requireNonNull(name, "name is null");
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (Vendor vendor : values()) {
      if (vendor.wireName.equals(wanted)) {
        return Optional.of(vendor);
      }
    }
    return Optional.empty();
  }
}
