package dev.goodhart.ingest.json;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.model.git.LineHash;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads one JSON line of an agent log in place, for the two formats that make up gigabytes (Claude
 * Code transcripts, Codex rollouts). A general parser tokenises every value it skips; most of a
 * transcript line is message content goodhart never reads, so here a skipped string costs a search
 * for its closing quote, eight bytes at a time, and a skipped object or array a walk over its
 * brackets and strings.
 *
 * <p>What is read is checked fully (types, number syntax, escapes); what is skipped is checked for
 * its structure only: strings closed, brackets balanced and matched, the record's object complete
 * with nothing after it. That catches the damage logs suffer (a line cut off while being written,
 * binary garbage, a spliced write) without paying for a full validation of text nobody reads.
 *
 * <p>Usage mirrors a streaming parser: {@link #beginObject()}, then {@code while (nextField())
 * switch (field())} with a typed read or {@link #skipValue()} for each field, then {@link
 * #endOfRecord()}. One scanner is reused for every line a parser reads; it is not thread-safe.
 */
public final class JsonScanner {
  /** Deeper nesting than any agent writes; a deeper line is damage (or an attack on the stack). */
  static final int MAX_DEPTH = 500;

  private final FieldNames names = new FieldNames();
  private final byte[] containers = new byte[MAX_DEPTH];
  private byte[] bytes = new byte[0];
  private int start;
  private int position;
  private int end;

  /** Objects opened by {@link #beginObject()} and {@link #object(String)}, not yet closed. */
  private int depth;

  private final @Nullable String[] repeatedNames = new String[8];
  private final byte[][] repeatedBytes = new byte[8][];
  private final String[] repeatedValues = new String[8];

  private boolean fieldPending;
  private String field = "";

  /** Starts reading a record: {@code bytes[offset, offset + length)}. */
  public JsonScanner reset(byte[] source, int offset, int length) {
    this.bytes = source;
    this.start = offset;
    this.position = offset;
    this.end = offset + length;
    this.depth = 0;
    return this;
  }

  /** The record's first token must open an object. */
  public void beginObject() throws BadRecordException {
    if (peek() != '{') {
      // The wording of LineProbe's framing check, so a bad line reads the same in every parser.
      throw new BadRecordException("not a JSON object: the line starts with " + describeByte());
    }
    open();
  }

  /**
   * Moves to the next field of the innermost open object and returns true, positioned on its value;
   * returns false when the object ends.
   */
  public boolean nextField() throws BadRecordException {
    if (!nextMember('}', "a value")) {
      return false;
    }
    if (peek() != '"') {
      throw invalid("expected a field name, found " + describeByte());
    }
    int close = stringEnd(position);
    field = names.name(bytes, position + 1, close, this);
    position = close + 1;
    if (peek() != ':') {
      throw invalid("expected ':' after the field name '" + field + "', found " + describeByte());
    }
    position++;
    peek(); // to the value
    return true;
  }

  /** The name of the field {@link #nextField()} moved to. */
  public String field() {
    return field;
  }

  /** After the record's closing brace: nothing but white space may follow. */
  public void endOfRecord() throws BadRecordException {
    skipWhitespace();
    if (position < end) {
      throw new BadRecordException(
          "unexpected " + describeValue() + " after the end of the JSON object");
    }
  }

  /** A string value, or null for JSON null; any other type is a bad record. */
  public @Nullable String text(String name) throws BadRecordException {
    int c = peek();
    if (c == '"') {
      int close = stringEnd(position);
      String value = decode(position + 1, close);
      position = close + 1;
      return value;
    }
    if (c == 'n') {
      literal("null");
      return null;
    }
    throw wrongType(name, "a string");
  }

  /**
   * Like {@link #text}, for a field whose value is the same on most lines of a file (session,
   * working directory, branch, model): the string of the previous line is reused when the bytes are
   * equal, which saves making the same string a million times.
   */
  public @Nullable String repeatedText(String name) throws BadRecordException {
    if (peek() != '"') {
      return text(name);
    }
    int close = stringEnd(position);
    int from = position + 1;
    int slot = 0;
    while (slot < repeatedNames.length
        && repeatedNames[slot] != null
        && repeatedNames[slot] != name) {
      slot++;
    }
    if (slot < repeatedNames.length && repeatedNames[slot] == name) {
      byte[] previous = repeatedBytes[slot];
      if (Arrays.equals(previous, 0, previous.length, bytes, from, close)) {
        position = close + 1;
        return repeatedValues[slot];
      }
    }
    String value = decode(from, close);
    if (slot < repeatedNames.length) {
      repeatedNames[slot] = name;
      repeatedBytes[slot] = Arrays.copyOfRange(bytes, from, close);
      repeatedValues[slot] = value;
    }
    position = close + 1;
    return value;
  }

  /** A count: a whole number from 0 up; 0 for JSON null. */
  public long count(String name) throws BadRecordException {
    int c = peek();
    if (c == 'n') {
      literal("null");
      return 0;
    }
    if (c != '-' && (c < '0' || c > '9')) {
      throw wrongType(name, "a whole number");
    }
    int numberStart = position;
    int numberEnd = numberEnd(numberStart);
    boolean whole = true;
    for (int i = numberStart; i < numberEnd; i++) {
      byte b = bytes[i];
      whole &= b != '.' && b != 'e' && b != 'E';
    }
    String text =
        new String(bytes, numberStart, numberEnd - numberStart, StandardCharsets.US_ASCII);
    if (!whole) {
      throw new BadRecordException(
          "field '%s' must be a whole number, found '%s'".formatted(name, text));
    }
    boolean negative = bytes[numberStart] == '-';
    int first = negative ? numberStart + 1 : numberStart;
    if (numberEnd - first > 18) {
      throw new BadRecordException("field '%s' is too large: '%s'".formatted(name, text));
    }
    long value = 0;
    for (int i = first; i < numberEnd; i++) {
      value = value * 10 + (bytes[i] - '0');
    }
    if (negative && value != 0) {
      throw new BadRecordException(
          "field '%s' must not be negative, found '%s'".formatted(name, text));
    }
    if (value > JsonRecords.MAX_COUNT) {
      throw new BadRecordException("field '%s' is implausibly large: '%d'".formatted(name, value));
    }
    position = numberEnd;
    return value;
  }

  /** A boolean; null counts as false. */
  public boolean bool(String name) throws BadRecordException {
    return switch (peek()) {
      case 't' -> {
        literal("true");
        yield true;
      }
      case 'f' -> {
        literal("false");
        yield false;
      }
      case 'n' -> {
        literal("null");
        yield false;
      }
      default -> throw wrongType(name, "true or false");
    };
  }

  /** Money as the exact decimal the JSON text spells, never through a double; null for null. */
  public @Nullable BigDecimal money(String name) throws BadRecordException {
    int c = peek();
    if (c == 'n') {
      literal("null");
      return null;
    }
    if (c != '-' && (c < '0' || c > '9')) {
      throw wrongType(name, "a number");
    }
    int numberEnd = numberEnd(position);
    String text = new String(bytes, position, numberEnd - position, StandardCharsets.US_ASCII);
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException e) {
      // An exponent beyond what BigDecimal holds (1e999999999999) is no amount either.
      throw new BadRecordException(
          "field '%s' is not a plausible amount: '%s'".formatted(name, text), e);
    }
    if (value.signum() < 0) {
      throw new BadRecordException(
          "field '%s' must not be negative, found '%s'".formatted(name, value));
    }
    if (!JsonRecords.isPlausibleAmount(value)) {
      throw new BadRecordException(
          "field '%s' is not a plausible amount: '%s'".formatted(name, text));
    }
    position = numberEnd;
    return value;
  }

  /**
   * Any JSON number as the exact decimal its text spells, or null for JSON null; the caller judges
   * its range (a time in seconds since the epoch, which {@link #money} would call implausible).
   */
  public @Nullable BigDecimal number(String name) throws BadRecordException {
    int c = peek();
    if (c == 'n') {
      literal("null");
      return null;
    }
    if (c != '-' && (c < '0' || c > '9')) {
      throw wrongType(name, "a number");
    }
    int numberEnd = numberEnd(position);
    String text = new String(bytes, position, numberEnd - position, StandardCharsets.US_ASCII);
    try {
      BigDecimal value = new BigDecimal(text);
      position = numberEnd;
      return value;
    } catch (NumberFormatException e) {
      throw new BadRecordException(
          "field '%s' is not a plausible number: '%s'".formatted(name, text), e);
    }
  }

  /** Enters an object (returns true) or passes over null (returns false). */
  public boolean object(String name) throws BadRecordException {
    int c = peek();
    if (c == '{') {
      open();
      return true;
    }
    if (c == 'n') {
      literal("null");
      return false;
    }
    throw wrongType(name, "an object");
  }

  /**
   * Enters an array (returns true) or passes over null (returns false); then {@link #nextElement()}
   * moves from element to element.
   */
  public boolean array(String name) throws BadRecordException {
    int c = peek();
    if (c == '[') {
      open();
      return true;
    }
    if (c == 'n') {
      literal("null");
      return false;
    }
    throw wrongType(name, "an array");
  }

  /**
   * Moves to the next element of the innermost open array and returns true, positioned on it;
   * returns false when the array ends.
   */
  public boolean nextElement() throws BadRecordException {
    return nextMember(']', "an element");
  }

  /**
   * Steps over the comma before the next member of the innermost open container, or over its
   * closing bracket (then returns false). The first member has no comma before it.
   */
  private boolean nextMember(char closer, String after) throws BadRecordException {
    int c = peek();
    if (c == closer) {
      position++;
      depth--;
      // An empty container closes before its first member; what follows belongs to the outer one.
      fieldPending = false;
      return false;
    }
    if (fieldPending) {
      fieldPending = false;
    } else if (c == ',') {
      position++;
      peek();
    } else {
      throw invalid(
          "expected ',' or '" + closer + "' after " + after + ", found " + describeByte());
    }
    return true;
  }

  /** Whether the value the scanner is on is a string. */
  public boolean atString() throws BadRecordException {
    return peek() == '"';
  }

  /** Whether the value the scanner is on is an array. */
  public boolean atArray() throws BadRecordException {
    return peek() == '[';
  }

  /**
   * A string no longer than {@code maxBytes} as written; a longer one is passed over and read as
   * null, so that text nobody needs whole (a file's content in a tool result) is never decoded.
   */
  public @Nullable String shortText(String name, int maxBytes) throws BadRecordException {
    if (peek() == '"') {
      int close = stringEnd(position);
      if (close - position - 1 > maxBytes) {
        position = close + 1;
        return null;
      }
    }
    return text(name);
  }

  /**
   * A string's lines as {@link LineHash}es of their decoded text, in order: what line provenance
   * compares with the lines of commits. A final line break ends the last line and adds none; null
   * is no lines. Decoded into a buffer the scanner keeps, never into strings.
   */
  public long[] textLineHashes(String name) throws BadRecordException {
    if (peek() != '"') {
      text(name); // null passes, any other type is reported as for text
      return NO_HASHES;
    }
    int close = stringEnd(position);
    int length = decodeInto(position + 1, close);
    position = close + 1;
    byte[] text = decoded;
    int count = 0;
    for (int i = 0; i < length; i++) {
      if (text[i] == '\n') {
        count++;
      }
    }
    boolean openLast = length > 0 && text[length - 1] != '\n';
    long[] hashes = new long[count + (openLast ? 1 : 0)];
    int lineStart = 0;
    int line = 0;
    for (int i = 0; i < length; i++) {
      if (text[i] == '\n') {
        hashes[line++] = LineHash.of(text, lineStart, i);
        lineStart = i + 1;
      }
    }
    if (openLast) {
      hashes[line] = LineHash.of(text, lineStart, length);
    }
    return hashes;
  }

  private static final long[] NO_HASHES = {};

  /** Where {@link #decodeInto} decodes strings; grown as needed and kept. */
  private byte[] decoded = new byte[1 << 12];

  /** Whether the record's bytes from the scanner's position on hold {@code needle}. */
  public boolean restContains(byte[] needle) {
    return ByteSearch.indexOf(bytes, position, end, needle) >= 0;
  }

  /** Whether the record's bytes from the scanner's position on pass {@code test}. */
  public boolean restMatches(RawTest test) {
    return test.test(bytes, position, end);
  }

  /** A test on a string's JSON text, before it is decoded. */
  @FunctionalInterface
  public interface RawTest {
    boolean test(byte[] bytes, int from, int to);
  }

  /**
   * A string no longer than {@code maxBytes} whose JSON text passes {@code test}; any other string
   * is passed over and read as null. Tool output is mostly text goodhart does not need: a cheap
   * test on the bytes saves decoding it.
   */
  public @Nullable String textIf(String name, int maxBytes, RawTest test)
      throws BadRecordException {
    if (peek() == '"') {
      int close = stringEnd(position);
      if (close - position - 1 > maxBytes || !test.test(bytes, position + 1, close)) {
        position = close + 1;
        return null;
      }
    }
    return text(name);
  }

  /**
   * The number of lines of a string value, counted on its JSON text without decoding it (a file an
   * agent wrote can be large): the escaped line breaks, plus one for a last line without one; 0 for
   * an empty string or null.
   */
  public long textLines(String name) throws BadRecordException {
    int c = peek();
    if (c != '"') {
      text(name); // null passes, any other type is reported as for text
      return 0;
    }
    int close = stringEnd(position);
    long breaks = 0;
    boolean endsWithBreak = false;
    int i = position + 1;
    // From escape to escape: the text between them is passed over eight bytes at a time.
    int escape;
    while ((escape = ByteSearch.indexOf(bytes, i, close, (byte) '\\')) >= 0) {
      endsWithBreak = bytes[escape + 1] == 'n' && escape + 2 == close;
      if (bytes[escape + 1] == 'n') {
        breaks++;
      }
      i = escape + 2;
    }
    boolean empty = close == position + 1;
    position = close + 1;
    return empty ? 0 : endsWithBreak ? breaks : breaks + 1;
  }

  /** Passes over the value the scanner is on, checking its structure. */
  public void skipValue() throws BadRecordException {
    int c = peek();
    switch (c) {
      case '"' -> position = stringEnd(position) + 1;
      case '{', '[' -> skipContainer();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c != '-' && (c < '0' || c > '9')) {
          throw invalid("unexpected " + describeByte());
        }
        position = numberEnd(position);
      }
    }
  }

  private void open() throws BadRecordException {
    if (depth == MAX_DEPTH) {
      throw invalid("nested deeper than " + MAX_DEPTH + " levels");
    }
    depth++;
    position++;
    fieldPending = true;
  }

  /** Skips an object or array: strings by their closing quote, brackets counted and matched. */
  private void skipContainer() throws BadRecordException {
    int level = 0;
    int i = position;
    while (true) {
      i = nextStructural(bytes, i, end);
      if (i >= end) {
        position = end;
        throw truncated();
      }
      byte b = bytes[i];
      if (b == '"') {
        i = stringEnd(i) + 1;
        continue;
      }
      if (b == '{' || b == '[') {
        if (level == MAX_DEPTH) {
          position = i;
          throw invalid("nested deeper than " + MAX_DEPTH + " levels");
        }
        containers[level++] = b;
      } else {
        byte open = level == 0 ? 0 : containers[--level];
        if ((b == '}' && open != '{') || (b == ']' && open != '[')) {
          position = i;
          throw invalid(
              "'"
                  + (char) b
                  + "' does not close "
                  + (open == 0 ? "anything" : "'" + (char) open + "'"));
        }
        if (level == 0) {
          position = i + 1;
          return;
        }
      }
      i++;
    }
  }

  /** The index of the quote that closes the string opened at {@code open}. */
  private int stringEnd(int open) throws BadRecordException {
    int i = open + 1;
    while (true) {
      int quote = ByteSearch.indexOf(bytes, i, end, (byte) '"');
      if (quote < 0) {
        position = end;
        throw truncated();
      }
      int backslashes = 0;
      while (quote - 1 - backslashes > open && bytes[quote - 1 - backslashes] == '\\') {
        backslashes++;
      }
      if ((backslashes & 1) == 0) {
        return quote;
      }
      i = quote + 1;
    }
  }

  /** The end of a number at {@code from}, its syntax checked (JSON's grammar, no leading zeros). */
  private int numberEnd(int from) throws BadRecordException {
    int i = from;
    if (i < end && bytes[i] == '-') {
      i++;
    }
    int digits = digits(i);
    if (digits == 0 || (digits > 1 && bytes[i] == '0')) {
      throw badNumber(from);
    }
    i += digits;
    if (i < end && bytes[i] == '.') {
      int fraction = digits(i + 1);
      if (fraction == 0) {
        throw badNumber(from);
      }
      i += 1 + fraction;
    }
    if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
      i++;
      if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
        i++;
      }
      int exponent = digits(i);
      if (exponent == 0) {
        throw badNumber(from);
      }
      i += exponent;
    }
    if (i - from > 100) {
      throw invalid("a number longer than 100 characters");
    }
    return i;
  }

  private int digits(int from) {
    int i = from;
    while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
      i++;
    }
    return i - from;
  }

  private void literal(String word) throws BadRecordException {
    int length = word.length();
    if (end - position < length) {
      throw truncated();
    }
    for (int i = 0; i < length; i++) {
      if (bytes[position + i] != word.charAt(i)) {
        throw invalid("unexpected " + describeByte());
      }
    }
    position += length;
  }

  /** The text of {@code bytes[from, to)}, a string's inside, with its escapes decoded. */
  String decode(int from, int to) throws BadRecordException {
    int backslash = ByteSearch.indexOf(bytes, from, to, (byte) '\\');
    if (backslash < 0) {
      return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
    int length = decodeInto(from, to);
    return new String(decoded, 0, length, StandardCharsets.UTF_8);
  }

  /**
   * Decodes a string's inside, {@code bytes[from, to)}, as UTF-8 into {@link #decoded}; returns its
   * length. Decoded text is never longer than its JSON text.
   */
  private int decodeInto(int from, int to) throws BadRecordException {
    if (decoded.length < to - from) {
      decoded = new byte[Math.max(to - from, decoded.length * 2)];
    }
    byte[] out = decoded;
    int length = 0;
    int i = from;
    while (i < to) {
      byte b = bytes[i];
      if (b != '\\') {
        out[length++] = b;
        i++;
        continue;
      }
      if (i + 1 >= to) {
        throw invalid("a string ends in the middle of an escape");
      }
      byte escaped = bytes[i + 1];
      i += 2;
      switch (escaped) {
        case '"', '\\', '/' -> out[length++] = escaped;
        case 'b' -> out[length++] = '\b';
        case 'f' -> out[length++] = '\f';
        case 'n' -> out[length++] = '\n';
        case 'r' -> out[length++] = '\r';
        case 't' -> out[length++] = '\t';
        case 'u' -> {
          if (i + 4 > to) {
            throw invalid("a \\u escape needs four hex digits");
          }
          int unit = hex(i);
          i += 4;
          if (Character.isHighSurrogate((char) unit)
              && i + 6 <= to
              && bytes[i] == '\\'
              && bytes[i + 1] == 'u') {
            int low = hex(i + 2);
            if (Character.isLowSurrogate((char) low)) {
              length = utf8(Character.toCodePoint((char) unit, (char) low), out, length);
              i += 6;
              continue;
            }
          }
          length = utf8(unit, out, length); // a lone surrogate decodes as '?', as Java does
        }
        default -> throw invalid("unknown escape '\\" + (char) (escaped & 0xff) + "' in a string");
      }
    }
    return length;
  }

  private int hex(int at) throws BadRecordException {
    int value = 0;
    for (int k = 0; k < 4; k++) {
      int digit = Character.digit(bytes[at + k], 16);
      if (digit < 0) {
        throw invalid("a \\u escape needs four hex digits");
      }
      value = value * 16 + digit;
    }
    return value;
  }

  /** Writes a code point as UTF-8 (at most 4 bytes; a \\u escape takes 6, so it always fits). */
  private static int utf8(int codePoint, byte[] out, int at) {
    if (Character.isSurrogate((char) codePoint) && codePoint < 0x10000) {
      out[at] = '?';
      return at + 1;
    }
    byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
    System.arraycopy(encoded, 0, out, at, encoded.length);
    return at + encoded.length;
  }

  private int peek() throws BadRecordException {
    skipWhitespace();
    if (position >= end) {
      throw truncated();
    }
    return bytes[position];
  }

  private void skipWhitespace() {
    while (position < end) {
      byte b = bytes[position];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return;
      }
      position++;
    }
  }

  private BadRecordException wrongType(String name, String expected) throws BadRecordException {
    return new BadRecordException(
        "field '%s' must be %s, found %s".formatted(name, expected, describeValue()));
  }

  private BadRecordException badNumber(int from) {
    int stop = from;
    while (stop < end && stop - from < 40 && isValueByte(bytes[stop])) {
      stop++;
    }
    return invalid(
        "malformed number '" + new String(bytes, from, stop - from, StandardCharsets.UTF_8) + "'");
  }

  private BadRecordException truncated() {
    return new BadRecordException(
        "incomplete JSON object: the line ends inside a value (truncated, or still being written)");
  }

  private BadRecordException invalid(String what) {
    return new BadRecordException("invalid JSON: " + what + " (column " + (column()) + ")");
  }

  private int column() {
    return Math.min(position, end) - start + 1;
  }

  /** The index of the next of {@code " { } [ ]} from {@code from}, or {@code to}. */
  private static int nextStructural(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b == '"' || b == '{' || b == '}' || b == '[' || b == ']') {
        return i;
      }
    }
    return to;
  }

  /** Bytes a number or literal is made of, for quoting one in a message. */
  private static boolean isValueByte(byte b) {
    return (b >= '0' && b <= '9')
        || (b >= 'a' && b <= 'z')
        || (b >= 'A' && b <= 'Z')
        || b == '-'
        || b == '+'
        || b == '.';
  }

  /**
   * Field names as strings, made once per distinct name: a log has a few dozen names, each on
   * millions of lines, and a switch over a cached string costs a hash already computed.
   */
  private static final class FieldNames {
    /** Open addressing with linear probing; never more than half full, so a probe ends soon. */
    private static final int SLOTS = 512;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];
    private int size;

    String name(byte[] bytes, int from, int to, JsonScanner scanner) throws BadRecordException {
      int length = to - from;
      if (length == 0) {
        return "";
      }
      // Length and three bytes tell the names of a log apart; equal hashes are probed past.
      int hash =
          length * 0x9E3779B1 + bytes[from] * 31 + bytes[to - 1] * 961 + bytes[from + length / 2];
      int slot = (hash ^ (hash >>> 11)) & (SLOTS - 1);
      for (byte[] key; (key = keys[slot]) != null; slot = (slot + 1) & (SLOTS - 1)) {
        if (Arrays.equals(key, 0, key.length, bytes, from, to)) {
          return values[slot]; // cached names have no escapes, so equal bytes are the same name
        }
      }
      if (ByteSearch.indexOf(bytes, from, to, (byte) '\\') >= 0) {
        return scanner.decode(from, to);
      }
      String value = new String(bytes, from, to - from, StandardCharsets.UTF_8);
      if (size < SLOTS / 2 && to - from <= 64) { // a long name is no field of ours
        keys[slot] = Arrays.copyOfRange(bytes, from, to);
        values[slot] = value;
        size++;
      }
      return value;
    }
  }

  /** How the value at the current position reads in a message: its type, or its text quoted. */
  private String describeValue() throws BadRecordException {
    if (position >= end) {
      return "the end of the record";
    }
    return switch (bytes[position]) {
      case '{' -> "an object";
      case '[' -> "an array";
      case '"' -> {
        int close = stringEnd(position);
        yield "'\"" + JsonRecords.abbreviate(decode(position + 1, close)) + "\"'";
      }
      default -> {
        int stop = position;
        while (stop < end && stop - position < 60 && isValueByte(bytes[stop])) {
          stop++;
        }
        yield stop == position
            ? describeByte()
            : "'" + new String(bytes, position, stop - position, StandardCharsets.UTF_8) + "'";
      }
    };
  }

  private String describeByte() {
    if (position >= end) {
      return "the end of the record";
    }
    byte b = bytes[position];
    return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : "byte 0x%02x".formatted(b & 0xff);
  }
}
