package dev.goodhart.ingest.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One place in a {@link JsonPayload}: a value (or its absence) and its path. Each typed read either
 * returns the value or records why not and returns null; absent and JSON {@code null} are the same
 * to an optional read.
 */
public final class JsonField {
  /**
   * The window of plausible times, as for agent logs: no event predates 1970, and one after 2100 is
   * damage that would overflow the store's microsecond timestamps if it grew further.
   */
  private static final Instant EARLIEST = Instant.EPOCH;

  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
  private static final String TIME = "an ISO-8601 time with an offset, like 2026-03-01T09:30:00Z";

  private final JsonPayload payload;
  private final com.fasterxml.jackson.databind.JsonNode node;
  private final String path;
  // This field or one above it was reported: read nothing from it, and report nothing more.
  private final boolean reported;

  JsonField(
      JsonPayload payload,
      com.fasterxml.jackson.databind.JsonNode node,
      String path,
      boolean reported) {
    this.payload = payload;
    this.node = node;
    this.path = path;
    this.reported = reported;
  }

  public String path() {
    return path;
  }

  /** The named field of this object; absent when this is no object or lacks it. */
  public JsonField get(String name) {
    return new JsonField(
        payload,
        node.isObject() ? node.path(name) : JsonPayload.missing(),
        JsonPayload.child(path, name),
        reported);
  }

  /** Absent, or JSON {@code null}. */
  public boolean isAbsent() {
    return node.isMissingNode() || node.isNull();
  }

  /** Absent, JSON {@code null}, or {@code []}. */
  public boolean isAbsentOrEmptyArray() {
    return isAbsent() || node.isArray() && node.isEmpty();
  }

  /** Absent, JSON {@code null}, or a string of nothing but spaces. */
  public boolean isAbsentOrBlank() {
    return isAbsent() || node.isTextual() && node.textValue().isBlank();
  }

  /** Records that this value is not what was expected, unless something above it was already. */
  public void problem(String expected) {
    if (!reported) {
      payload.report(path, JsonPayload.render(node), expected);
    }
  }

  private JsonField reportedHere(String expected) {
    problem(expected);
    return new JsonField(payload, JsonPayload.missing(), path, true);
  }

  /** A required object; otherwise a problem, and fields read from it are absent unreported. */
  public JsonField object() {
    return reported || node.isObject() ? this : reportedHere("an object");
  }

  /** An object if present; absent stays absent, and its fields read as absent. */
  public JsonField optionalObject() {
    return isAbsent() ? new JsonField(payload, JsonPayload.missing(), path, reported) : object();
  }

  /** A required array of at most {@code limit} elements. */
  public List<JsonField> array(int limit) {
    if (reported) {
      return List.of();
    }
    if (!node.isArray()) {
      problem("an array");
      return List.of();
    }
    if (node.size() > limit) {
      problem("an array of at most %d items, not %d".formatted(limit, node.size()));
      return List.of();
    }
    List<JsonField> elements = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      elements.add(new JsonField(payload, node.get(i), JsonPayload.element(path, i), false));
    }
    return elements;
  }

  /** An array if present, else empty. */
  public List<JsonField> optionalArray(int limit) {
    return isAbsent() ? List.of() : array(limit);
  }

  /** How many elements an optional array has, without reading them; 0 when absent. */
  public int optionalArraySize() {
    if (reported || isAbsent()) {
      return 0;
    }
    if (!node.isArray()) {
      problem("an array");
      return 0;
    }
    return node.size();
  }

  /**
   * A required name or identifier: a non-empty string of at most {@link
   * JsonPayload#MAX_TEXT_LENGTH} characters, with no control characters and no surrounding spaces.
   */
  public @Nullable String text() {
    if (reported) {
      return null;
    }
    if (!node.isTextual()) {
      problem("a string");
      return null;
    }
    String text = node.textValue();
    String wrong = textRule(text);
    if (wrong != null) {
      problem(wrong);
      return null;
    }
    return text;
  }

  /** A name or identifier if present, else null. */
  public @Nullable String optionalText() {
    return isAbsent() ? null : text();
  }

  private static @Nullable String textRule(String text) {
    if (text.isBlank()) {
      return "a non-empty string";
    }
    if (text.length() > JsonPayload.MAX_TEXT_LENGTH) {
      return "at most %d characters".formatted(JsonPayload.MAX_TEXT_LENGTH);
    }
    if (text.chars().anyMatch(Character::isISOControl)) {
      return "a string without control characters";
    }
    if (hasLoneSurrogate(text)) {
      // An escaped half of a character (\ud800) has no UTF-8 form for the store to hold.
      return "a string of whole characters, without half of a surrogate pair";
    }
    if (Character.isWhitespace(text.charAt(0))
        || Character.isWhitespace(text.charAt(text.length() - 1))) {
      return "a string without leading or trailing spaces";
    }
    return null;
  }

  private static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** The longest file path kept: git allows longer, but nothing real comes near. */
  public static final int MAX_PATH_LENGTH = 4096;

  /**
   * A file path if present, else null: a non-empty string of at most {@link #MAX_PATH_LENGTH}
   * characters without control characters. Unlike a name, a path may hold spaces anywhere.
   */
  public @Nullable String optionalPath() {
    if (isAbsent() || reported) {
      return null;
    }
    if (!node.isTextual()) {
      problem("a file path");
      return null;
    }
    String path = node.textValue();
    if (path.isEmpty()
        || path.length() > MAX_PATH_LENGTH
        || path.chars().anyMatch(Character::isISOControl)
        || hasLoneSurrogate(path)) {
      problem(
          "a file path of 1 to %d characters without control characters"
              .formatted(MAX_PATH_LENGTH));
      return null;
    }
    return path;
  }

  /** A required identifier that a sender may write as a string or as a non-negative integer. */
  public @Nullable String identifier() {
    if (!reported && node.isIntegralNumber()) {
      BigInteger number = node.bigIntegerValue();
      if (number.signum() >= 0) {
        return number.toString();
      }
    }
    if (!reported && !node.isTextual()) {
      problem("a string or a non-negative integer");
      return null;
    }
    return text();
  }

  /** An identifier if present, else null. */
  public @Nullable String optionalIdentifier() {
    return isAbsent() ? null : identifier();
  }

  /** One of the given lower-case words; the value must be spelled as given. */
  public @Nullable String oneOf(Collection<String> allowed) {
    String text = text();
    if (text != null && !allowed.contains(text)) {
      problem("one of " + String.join(", ", allowed));
      return null;
    }
    return text;
  }

  /**
   * Which of the given phrases this value is (surrounding spaces aside), or null: for text that is
   * only compared, never kept, and may hold anything without being a problem.
   */
  public @Nullable String matching(Collection<String> phrases) {
    if (reported || !node.isTextual()) {
      return null;
    }
    String text = node.textValue().strip();
    return phrases.contains(text) ? text : null;
  }

  /** A required integer from 1 to {@link Integer#MAX_VALUE}. */
  public @Nullable Integer positiveInt() {
    if (reported) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
      problem("an integer from 1 to %d".formatted(Integer.MAX_VALUE));
      return null;
    }
    return node.intValue();
  }

  /** A required integer from 0 to {@link Long#MAX_VALUE}. */
  public @Nullable Long nonNegativeLong() {
    if (reported) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
      problem("an integer from 0 to %d".formatted(Long.MAX_VALUE));
      return null;
    }
    return node.longValue();
  }

  /** An optional count from 0 to {@link Integer#MAX_VALUE}, 0 when absent or wrong. */
  public int count() {
    if (isAbsent() || reported) {
      return 0;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
      problem("an integer from 0 to %d".formatted(Integer.MAX_VALUE));
      return 0;
    }
    return node.intValue();
  }

  /** The largest count {@link #countLong()} reads: more tokens than any bill holds. */
  public static final long MAX_COUNT = 1_000_000_000_000_000L;

  /**
   * An optional count from 0 to {@link #MAX_COUNT}, 0 when absent or wrong: sums of a few such
   * counts never overflow.
   */
  public long countLong() {
    if (isAbsent() || reported) {
      return 0;
    }
    if (!node.isIntegralNumber()
        || !node.canConvertToLong()
        || node.longValue() < 0
        || node.longValue() > MAX_COUNT) {
      problem("an integer from 0 to %d".formatted(MAX_COUNT));
      return 0;
    }
    return node.longValue();
  }

  /** The largest amount read: a trillion dollars a line is damage, not a bill. */
  private static final BigDecimal MAX_DECIMAL = new BigDecimal("1e15");

  /** The most decimal places kept; the store keeps 18, and cents are divided by 100. */
  private static final int MAX_SCALE = 16;

  private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]{1,20}(\\.[0-9]{1,20})?");

  /**
   * A required amount or quantity written as a JSON number, read exactly as written (never through
   * binary floating point when the reader keeps decimals, as {@code JsonItems} does).
   */
  public @Nullable BigDecimal decimal() {
    if (reported) {
      return null;
    }
    if (!node.isNumber()) {
      problem("a number");
      return null;
    }
    BigDecimal value;
    if (node.isIntegralNumber()) {
      value = new BigDecimal(node.bigIntegerValue());
    } else if (node.isBigDecimal()) {
      value = node.decimalValue();
    } else {
      // A double: its shortest decimal form is what the JSON text said, as far as it can tell.
      value = new BigDecimal(node.asText());
    }
    return plausible(value);
  }

  /** An amount if present, else null. */
  public @Nullable BigDecimal optionalDecimal() {
    return isAbsent() ? null : decimal();
  }

  /**
   * A required amount written as a string of a plain decimal ({@code "123.78912"}), as Anthropic
   * writes its cents; a JSON number is read too.
   */
  public @Nullable BigDecimal decimalText() {
    if (reported) {
      return null;
    }
    if (node.isNumber()) {
      return decimal();
    }
    if (!node.isTextual() || !PLAIN_DECIMAL.matcher(node.textValue()).matches()) {
      problem("a decimal number in a string, like \"123.45\"");
      return null;
    }
    return plausible(new BigDecimal(node.textValue()));
  }

  private @Nullable BigDecimal plausible(BigDecimal value) {
    if (value.abs().compareTo(MAX_DECIMAL) >= 0) {
      problem("an amount below 10^15");
      return null;
    }
    BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    if (stripped.scale() > MAX_SCALE) {
      problem("an amount of at most %d decimal places".formatted(MAX_SCALE));
      return null;
    }
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /** A required day written {@code YYYY-MM-DD}. */
  public @Nullable LocalDate day() {
    if (reported) {
      return null;
    }
    if (node.isTextual() && node.textValue().length() == 10) {
      try {
        LocalDate day = LocalDate.parse(node.textValue());
        if (day.getYear() >= 1970 && day.getYear() < 2100) {
          return day;
        }
      } catch (DateTimeParseException e) {
        // said below
      }
    }
    problem("a day from 1970 to 2099, like 2026-03-01");
    return null;
  }

  /** A required time written as seconds since the epoch, or as ISO-8601. */
  public @Nullable Instant epochSecondsOrTime() {
    if (reported) {
      return null;
    }
    if (isAbsent()) {
      problem("seconds since 1970 or " + TIME);
      return null;
    }
    return optionalEpochSecondsOrTime();
  }

  /**
   * A required time written as milliseconds since the epoch, as a number or a string of digits
   * (Cursor writes both).
   */
  public @Nullable Instant epochMillis() {
    if (reported) {
      return null;
    }
    long millis;
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      millis = node.longValue();
    } else if (node.isTextual()
        && !node.textValue().isEmpty()
        && node.textValue().length() <= 15
        && node.textValue().chars().allMatch(c -> c >= '0' && c <= '9')) {
      millis = Long.parseLong(node.textValue());
    } else {
      problem("milliseconds since 1970, a number or a string of digits");
      return null;
    }
    if (millis < EARLIEST.toEpochMilli() || millis > LATEST.toEpochMilli()) {
      problem("a time from 1970 to 2100");
      return null;
    }
    return Instant.ofEpochMilli(millis);
  }

  /** An optional boolean; absent is {@code false}. */
  public boolean flag() {
    if (isAbsent() || reported) {
      return false;
    }
    if (!node.isBoolean()) {
      problem("true or false");
      return false;
    }
    return node.booleanValue();
  }

  /** A required ISO-8601 time with an offset ({@code Z} or {@code +01:00}). */
  public @Nullable Instant time() {
    if (reported) {
      return null;
    }
    if (!node.isTextual()) {
      problem(TIME);
      return null;
    }
    Instant time;
    try {
      time = OffsetDateTime.parse(node.textValue()).toInstant();
    } catch (DateTimeParseException e) {
      problem(TIME);
      return null;
    }
    return plausible(time);
  }

  /** A time if present, else null. */
  public @Nullable Instant optionalTime() {
    return isAbsent() ? null : time();
  }

  /** A time written either as seconds since the epoch or as ISO-8601, if present. */
  public @Nullable Instant optionalEpochSecondsOrTime() {
    if (isAbsent() || reported) {
      return null;
    }
    if (node.isTextual()) {
      return time();
    }
    if (!node.isIntegralNumber()) {
      problem("seconds since 1970 or " + TIME);
      return null;
    }
    if (!node.canConvertToLong()
        || node.longValue() < EARLIEST.getEpochSecond()
        || node.longValue() > LATEST.getEpochSecond()) {
      problem("a time from 1970 to 2100");
      return null;
    }
    return Instant.ofEpochSecond(node.longValue());
  }

  private @Nullable Instant plausible(Instant time) {
    if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
      problem("a time from 1970 to 2100");
      return null;
    }
    return time;
  }

  /** A required commit sha of {@code min} to {@code max} hex digits, returned in lower case. */
  public @Nullable String sha(int min, int max) {
    if (reported) {
      return null;
    }
    String expected =
        min == max ? "%d hex digits".formatted(min) : "%d to %d hex digits".formatted(min, max);
    if (!node.isTextual()) {
      problem("a string of " + expected);
      return null;
    }
    String text = node.textValue();
    if (text.length() < min || text.length() > max || !isHex(text)) {
      problem(expected);
      return null;
    }
    return text.toLowerCase(Locale.ROOT);
  }

  /** A sha if present, else null. */
  public @Nullable String optionalSha(int min, int max) {
    return isAbsent() ? null : sha(min, max);
  }

  private static boolean isHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reports every field of this object whose name is not one of {@code names}; {@code what} names
   * the object in the message ({@code a deployment}). A name that differs from a known one only in
   * case, underscores, dashes or a final s is pointed at the known one.
   */
  public void allowOnly(String what, List<String> names) {
    if (reported || !node.isObject()) {
      return;
    }
    for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> entry : node.properties()) {
      if (names.contains(entry.getKey())) {
        continue;
      }
      String near = nearest(entry.getKey(), names);
      payload.report(
          JsonPayload.child(path, entry.getKey()),
          JsonPayload.render(entry.getValue()),
          near != null
              ? "no such field; did you mean '%s'?".formatted(near)
              : "no such field (%s has %s)".formatted(what, String.join(", ", names)));
    }
  }

  private static @Nullable String nearest(String name, List<String> names) {
    String folded = fold(name);
    return names.stream().filter(known -> fold(known).equals(folded)).findFirst().orElse(null);
  }

  /** A name without case, separators or a plural's s: what a near miss leaves of the name. */
  private static String fold(String name) {
    String folded = name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    return folded.endsWith("s") ? folded.substring(0, folded.length() - 1) : folded;
  }
}
