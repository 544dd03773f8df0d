package dev.goodhart.model.pricing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the many spellings of one model into the key a price table uses. Logs and tables disagree:
 * provider prefixes ({@code anthropic/}, {@code openrouter/anthropic/}), Bedrock ids ({@code
 * us.anthropic.claude-sonnet-4-5-20250929-v1:0}, inference-profile ARNs), Vertex ids ({@code
 * claude-opus-4-1@20250805}), date suffixes ({@code -20250929}, {@code -2025-08-07}), Claude Code's
 * context suffix ({@code [1m]}) and fast mode ({@code -fast}).
 */
public final class ModelNames {
  private static final Pattern BEDROCK_REGION =
      Pattern.compile(
          "^(?:us|eu|apac|global|jp|au|ca|us-gov|ap)\\.(?=anthropic\\.|meta\\.|amazon\\.)");
  private static final Pattern BEDROCK_VENDOR =
      Pattern.compile("^(?:anthropic|meta|amazon|mistral|cohere)\\.");
  private static final Pattern BEDROCK_VERSION = Pattern.compile("-v\\d+(?::\\d+)?$");
  private static final Pattern CONTEXT_SUFFIX = Pattern.compile("\\[[0-9]+[km]]$");
  private static final Pattern DATE_SUFFIX = Pattern.compile("-(?:\\d{8}|\\d{4}-\\d{2}-\\d{2})$");
  private static final String FAST_SUFFIX = "-fast";

  private ModelNames() {}

  /** A model name reduced to its table key, and whether the name itself said fast mode. */
  public record Normalised(String key, boolean fast) {}

  public static Normalised normalise(String model) {
    String name = model.trim().toLowerCase(Locale.ROOT);
    int slash = name.lastIndexOf('/');
    if (slash >= 0) {
      // Provider routes and ARNs: "openrouter/anthropic/x",
      // "arn:aws:bedrock:...:inference-profile/us.anthropic.x".
      name = name.substring(slash + 1);
    }
    name = BEDROCK_REGION.matcher(name).replaceFirst("");
    name = BEDROCK_VENDOR.matcher(name).replaceFirst("");
    name = BEDROCK_VERSION.matcher(name).replaceFirst("");
    name = CONTEXT_SUFFIX.matcher(name).replaceFirst("");
    if (name.endsWith("@default")) {
      name = name.substring(0, name.length() - "@default".length());
    }
    name = name.replace('@', '-');
    boolean fast = false;
    if (name.endsWith(FAST_SUFFIX)) {
      fast = true;
      name = name.substring(0, name.length() - FAST_SUFFIX.length());
    }
    return new Normalised(name, fast);
  }

  /** The keys to try in order: the normalised name, then the name without its date suffix. */
  public static List<String> lookupKeys(String model) {
    String key = normalise(model).key();
    List<String> keys = new ArrayList<>(2);
    keys.add(key);
    String undated = withoutDate(key);
    if (!undated.equals(key)) {
      keys.add(undated);
    }
    return keys;
  }

  static String withoutDate(String key) {
    return DATE_SUFFIX.matcher(key).replaceFirst("");
  }
}
