package dev.goodhart.ingest.fuzz;

import static dev.goodhart.ingest.fuzz.MalformedValues.BAD_TIMES;
import static dev.goodhart.ingest.fuzz.MalformedValues.ESCAPES;
import static dev.goodhart.ingest.fuzz.MalformedValues.INVALID_UTF8;
import static dev.goodhart.ingest.fuzz.MalformedValues.ODD_NUMBERS;
import static dev.goodhart.ingest.fuzz.MalformedValues.OTHER_TYPES;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.goodhart.ingest.fuzz.JsonSpans.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Malformed variants of valid records. Case {@code i} of a corpus depends on nothing but the corpus
 * seed and {@code i}, so a failing case is reproduced by generating it alone: {@code
 * FuzzTarget.CODEX.corpus().generate(seed, i)}.
 *
 * <p>Records are handled as Latin-1 strings, one char per byte, so that byte damage (a cut inside a
 * UTF-8 character, bytes that are no UTF-8 at all) and JSON-aware edits (replacing the value of a
 * field the parser reads) work on the same text.
 */
final class MalformedRecords {
  /** What a mutation does to a record, and why the parsers must survive it. */
  enum Mutation {
    /** A file being written is read mid-line, and a reader may start mid-line after a crash. */
    TRUNCATE_ANYWHERE,
    /** Ending right before or after a quote, colon, bracket or escape ends each parser state. */
    TRUNCATE_AT_STRUCTURE,
    /** A cut inside a multi-byte character leaves an invalid UTF-8 tail for the decoder. */
    TRUNCATE_INSIDE_UTF8,
    /** Disks, copies and editors flip bits. */
    FLIP_BITS,
    /** Stray bytes and structural characters appear where the grammar does not expect them. */
    INSERT_BYTES,
    /** Lost bytes shift every later token. */
    DELETE_BYTES,
    /** A wrong bracket, colon or quote turns an object into an array or a key into a value. */
    SWAP_STRUCTURE,
    /** A log overwritten by something else (a core dump, NUL-filled blocks, UTF-16) is no JSON. */
    BINARY_GARBAGE,
    /** NULs, control characters and invalid UTF-8 inside a string reach the string decoder. */
    GARBAGE_IN_STRING,
    /** Each typed read must refuse every other JSON type, not cast it. */
    WRONG_TYPE,
    /** Counts must be whole, not negative and fit a long; prices must stay exact decimals. */
    ODD_NUMBER,
    /** A recursive reader would overflow its stack on 10,000 open brackets. */
    DEEP_NESTING,
    /** A value of a few megabytes must cost time in proportion, not exhaust memory. */
    LONG_STRING,
    /** JSON does not forbid duplicate keys: the second value must be checked like the first. */
    DUPLICATE_KEY,
    /** A field the parser relies on may be absent, which must be noticed, not dereferenced. */
    MISSING_FIELD,
    /** Crashed writers and editors leave empty records and empty objects. */
    EMPTY,
    /** Lone surrogates, escaped NULs and broken escapes are where JSON decoders differ. */
    UNICODE_ESCAPE,
    /** Times are parsed by hand on the fast path; impossible dates must not slip through it. */
    BAD_TIMESTAMP,
    /** Two writers interleaving, or a lost newline, glue two records together. */
    SPLICE
  }

  /**
   * One case of the corpus.
   *
   * @param mutations what was done to the seed record, in order
   */
  record Mutant(int index, List<Mutation> mutations, byte[] bytes) {
    /** The input as printable ASCII, escaped and shortened, for a failure message. */
    String printable() {
      StringBuilder out = new StringBuilder();
      int head = Math.min(bytes.length, 600);
      append(out, 0, head);
      if (bytes.length > head) {
        int tail = Math.max(head, bytes.length - 200);
        out.append("…[").append(tail - head).append(" bytes left out]…");
        append(out, tail, bytes.length);
      }
      return out.toString();
    }

    private void append(StringBuilder out, int from, int to) {
      for (int i = from; i < to; i++) {
        int b = bytes[i] & 0xff;
        if (b == '\\') {
          out.append("\\\\");
        } else if (b >= 0x20 && b < 0x7f) {
          out.append((char) b);
        } else {
          out.append("\\x%02x".formatted(b));
        }
      }
    }
  }

  private static final String STRUCTURE = "{}[]\":,\\";

  /** What the insertions draw from besides random bytes: structure and the stuff of numbers. */
  private static final String INSERTABLE = STRUCTURE + "-0919e.+ \t\n\r";

  private final List<String> seeds;
  private final List<String> fields;

  /**
   * @param seeds valid records
   * @param fields the names of the fields the parser reads, whose values the mutations target
   */
  MalformedRecords(List<String> seeds, List<String> fields) {
    this.seeds = seeds.stream().map(MalformedRecords::latin1).toList();
    this.fields = List.copyOf(fields);
  }

  Mutant generate(long corpusSeed, int index) {
    // Multiplying by an odd constant keeps the per-case seeds distinct in Random's 48 bits.
    Random random = new Random(corpusSeed ^ (index * 0x9E3779B97F4A7C15L));
    String text = seeds.get(random.nextInt(seeds.size()));
    List<Mutation> applied = new ArrayList<>();
    int rounds = random.nextInt(4) == 0 ? 2 : 1;
    for (int round = 0; round < rounds; round++) {
      Mutation mutation = pick(random, round);
      applied.add(mutation);
      text = apply(mutation, text, random);
    }
    return new Mutant(index, List.copyOf(applied), text.getBytes(ISO_8859_1));
  }

  private static Mutation pick(Random random, int round) {
    // A few megabytes per case add up: one case in 400 is long, and never twice in one case.
    if (round == 0 && random.nextInt(400) == 0) {
      return Mutation.LONG_STRING;
    }
    Mutation[] all = Mutation.values();
    Mutation mutation;
    do {
      mutation = all[random.nextInt(all.length)];
    } while (mutation == Mutation.LONG_STRING);
    return mutation;
  }

  private String apply(Mutation mutation, String text, Random random) {
    return switch (mutation) {
      case TRUNCATE_ANYWHERE -> truncateAnywhere(text, random);
      case TRUNCATE_AT_STRUCTURE -> truncateAtStructure(text, random);
      case TRUNCATE_INSIDE_UTF8 -> truncateInsideUtf8(text, random);
      case FLIP_BITS -> flipBits(text, random);
      case INSERT_BYTES -> insertBytes(text, random);
      case DELETE_BYTES -> deleteBytes(text, random);
      case SWAP_STRUCTURE -> swapStructure(text, random);
      case BINARY_GARBAGE -> binaryGarbage(text, random);
      case GARBAGE_IN_STRING -> garbageInString(text, random);
      case WRONG_TYPE -> replaceValue(text, random, OTHER_TYPES);
      case ODD_NUMBER -> replaceValue(text, random, oddNumbers(random));
      case DEEP_NESTING -> deepNesting(text, random);
      case LONG_STRING -> longString(text, random);
      case DUPLICATE_KEY -> duplicateKey(text, random);
      case MISSING_FIELD -> missingField(text, random);
      case EMPTY -> empty(text, random);
      case UNICODE_ESCAPE -> unicodeEscape(text, random);
      case BAD_TIMESTAMP -> badTimestamp(text, random);
      case SPLICE -> splice(text, random);
    };
  }

  private static String truncateAnywhere(String text, Random random) {
    if (text.isEmpty()) {
      return text;
    }
    int cut = random.nextInt(text.length());
    return random.nextInt(4) == 0 ? text.substring(cut + 1) : text.substring(0, cut);
  }

  private static String truncateAtStructure(String text, Random random) {
    String kinds = STRUCTURE + "0123456789.-eTZ ";
    char kind = kinds.charAt(random.nextInt(kinds.length()));
    List<Integer> places = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == kind) {
        places.add(i);
      }
    }
    if (places.isEmpty()) {
      return truncateAnywhere(text, random);
    }
    int at = places.get(random.nextInt(places.size()));
    return text.substring(0, random.nextBoolean() ? at : at + 1);
  }

  private static String truncateInsideUtf8(String text, Random random) {
    List<Integer> leads = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0xc0) {
        leads.add(i);
      }
    }
    if (leads.isEmpty()) {
      // An ASCII record gets the first bytes of a three-byte character and ends there.
      return text.substring(0, random.nextInt(text.length() + 1)) + bytes(0xe2, 0x82);
    }
    return text.substring(0, leads.get(random.nextInt(leads.size())) + 1);
  }

  private static String flipBits(String text, Random random) {
    if (text.isEmpty()) {
      return bytes(random.nextInt(256));
    }
    char[] chars = text.toCharArray();
    int flips = 1 + random.nextInt(4);
    for (int i = 0; i < flips; i++) {
      int at = random.nextInt(chars.length);
      chars[at] = (char) (chars[at] ^ (1 << random.nextInt(8)));
    }
    return new String(chars);
  }

  private static String insertBytes(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int insertions = 1 + random.nextInt(4);
    for (int i = 0; i < insertions; i++) {
      int at = random.nextInt(out.length() + 1);
      String inserted =
          switch (random.nextInt(3)) {
            case 0 -> bytes(random.nextInt(256));
            case 1 -> String.valueOf(INSERTABLE.charAt(random.nextInt(INSERTABLE.length())));
            default -> slice(text, random);
          };
      out.insert(at, inserted);
    }
    return out.toString();
  }

  private static String deleteBytes(String text, Random random) {
    if (text.isEmpty()) {
      return text;
    }
    int at = random.nextInt(text.length());
    int longest = random.nextInt(8) == 0 ? text.length() / 2 + 1 : 16;
    int end = Math.min(text.length(), at + 1 + random.nextInt(longest));
    return text.substring(0, at) + text.substring(end);
  }

  private static String swapStructure(String text, Random random) {
    List<Integer> places = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      if (STRUCTURE.indexOf(text.charAt(i)) >= 0) {
        places.add(i);
      }
    }
    if (places.isEmpty()) {
      return insertBytes(text, random);
    }
    int at = places.get(random.nextInt(places.size()));
    char replacement = STRUCTURE.charAt(random.nextInt(STRUCTURE.length()));
    return text.substring(0, at) + replacement + text.substring(at + 1);
  }

  private static String binaryGarbage(String text, Random random) {
    return switch (random.nextInt(7)) {
      case 0 -> randomBytes(random, 1 + random.nextInt(512));
      case 1 -> "\0".repeat(1 + random.nextInt(256));
      case 2 -> bytes(0xff).repeat(1 + random.nextInt(256));
      case 3 -> any(INVALID_UTF8, random).repeat(1 + random.nextInt(8));
      // A crash after the size grew but before the data landed: the record's tail is NULs.
      case 4 -> {
        int cut = random.nextInt(text.length() + 1);
        yield text.substring(0, cut) + "\0".repeat(text.length() - cut + 1);
      }
      // An editor saved the log as UTF-16 with a byte order mark.
      case 5 -> latin1Bytes(new String(text.getBytes(ISO_8859_1), UTF_8).getBytes(UTF_16));
      // A byte order mark before an otherwise valid record.
      default -> bytes(0xef, 0xbb, 0xbf) + text;
    };
  }

  private static String garbageInString(String text, Random random) {
    List<Integer> quotes = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '"') {
        quotes.add(i);
      }
    }
    String garbage = any(INVALID_UTF8, random);
    if (quotes.isEmpty()) {
      return garbage + text;
    }
    int at = quotes.get(random.nextInt(quotes.size())) + 1;
    return text.substring(0, at) + garbage + text.substring(at);
  }

  private String replaceValue(String text, Random random, List<String> replacements) {
    String replacement = replacements.get(random.nextInt(replacements.size()));
    Span span = pickSpan(text, random);
    if (span == null) {
      // No field the parser reads survived: the whole record becomes the odd value.
      return replacement;
    }
    return text.substring(0, span.valueStart()) + replacement + text.substring(span.valueEnd());
  }

  private static List<String> oddNumbers(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> List.of(Long.toString(random.nextLong()));
      case 1 -> List.of("9".repeat(95 + random.nextInt(10)));
      case 2 -> List.of("1" + "0".repeat(1 + random.nextInt(3000)));
      default -> ODD_NUMBERS;
    };
  }

  private String deepNesting(String text, Random random) {
    int[] depths = {499, 500, 501, 999, 1000, 1001, 10_000};
    int depth = depths[random.nextInt(depths.length)];
    String nested =
        switch (random.nextInt(4)) {
          case 0 -> "[".repeat(depth);
          case 1 -> "[".repeat(depth) + "]".repeat(depth);
          case 2 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
          default -> "{\"usage\":[".repeat(depth) + "]}".repeat(depth);
        };
    Span span = pickSpan(text, random);
    if (span == null || random.nextInt(4) == 0) {
      return nested;
    }
    return text.substring(0, span.valueStart()) + nested + text.substring(span.valueEnd());
  }

  private String longString(String text, Random random) {
    int size = (1 + random.nextInt(4)) << 20;
    String[] units = {"a", latin1("é"), latin1("語"), "\\u00e9", "\\\"", "\\n", " "};
    String unit = units[random.nextInt(units.length)];
    String value = "\"" + unit.repeat(size / unit.length()) + (random.nextInt(8) == 0 ? "" : "\"");
    Span span = pickSpan(text, random);
    int brace = text.indexOf('{');
    if (span != null && random.nextBoolean()) {
      return text.substring(0, span.valueStart()) + value + text.substring(span.valueEnd());
    }
    if (brace >= 0) {
      // A field nobody reads, or a key that is itself megabytes long.
      String field = random.nextBoolean() ? "\"padding\":" + value + "," : value + ":1,";
      return text.substring(0, brace + 1) + field + text.substring(brace + 1);
    }
    return value;
  }

  private String duplicateKey(String text, Random random) {
    Span span = pickSpan(text, random);
    if (span == null) {
      return text + text;
    }
    String other =
        switch (random.nextInt(3)) {
          case 0 -> any(OTHER_TYPES, random);
          case 1 -> any(ODD_NUMBERS, random);
          default -> text.substring(span.valueStart(), span.valueEnd());
        };
    String pair = "\"" + span.field() + "\":" + other;
    return random.nextBoolean()
        ? text.substring(0, span.valueEnd()) + "," + pair + text.substring(span.valueEnd())
        : text.substring(0, span.keyStart()) + pair + "," + text.substring(span.keyStart());
  }

  private String missingField(String text, Random random) {
    Span span = pickSpan(text, random);
    if (span == null) {
      return deleteBytes(text, random);
    }
    return switch (random.nextInt(4)) {
      // The value alone is gone: "field":, is no JSON.
      case 0 -> text.substring(0, span.valueStart()) + text.substring(span.valueEnd());
      // The key alone is gone: a bare value sits among the fields.
      case 1 -> text.substring(0, span.keyStart()) + text.substring(span.valueStart());
      default -> {
        int start = span.keyStart();
        int end = span.valueEnd();
        if (end < text.length() && text.charAt(end) == ',') {
          end++;
        } else if (start > 0 && text.charAt(start - 1) == ',') {
          start--;
        }
        yield text.substring(0, start) + text.substring(end);
      }
    };
  }

  private String empty(String text, Random random) {
    String[] records = {"", " ", "\t", "\r", "{}", "{ }", "[]", "null", "{\"\":\"\"}", "{\"\":{}}"};
    Span span = pickSpan(text, random);
    if (span == null || random.nextInt(3) == 0) {
      return records[random.nextInt(records.length)];
    }
    String[] values = {"{}", "[]", "\"\""};
    return text.substring(0, span.valueStart())
        + values[random.nextInt(values.length)]
        + text.substring(span.valueEnd());
  }

  private String unicodeEscape(String text, Random random) {
    String escape = any(ESCAPES, random);
    Span span = pickSpan(text, random);
    if (span == null) {
      return "{\"" + escape + "\":1}";
    }
    return switch (random.nextInt(3)) {
      // Inside the value (which may be a string), or replacing it by a string of the escape.
      case 0 -> {
        int at = span.valueStart() + 1 + random.nextInt(span.valueEnd() - span.valueStart());
        yield text.substring(0, Math.min(at, span.valueEnd()))
            + escape
            + text.substring(Math.min(at, span.valueEnd()));
      }
      case 1 ->
          text.substring(0, span.valueStart())
              + "\""
              + escape
              + "\""
              + text.substring(span.valueEnd());
      // A key spelt with an escape is the same key to JSON but not to a byte search.
      default -> {
        String field = span.field();
        String spelt = "\\u%04x".formatted((int) field.charAt(0)) + field.substring(1);
        yield text.substring(0, span.keyStart() + 1)
            + (random.nextBoolean() ? spelt : escape + field)
            + text.substring(span.keyStart() + 1 + field.length());
      }
    };
  }

  private String badTimestamp(String text, Random random) {
    String time = any(BAD_TIMES, random);
    Span span = JsonSpans.pick(text, List.of("timestamp", "created", "startTime"), random);
    if (span == null) {
      int brace = text.indexOf('{');
      return brace < 0
          ? "{\"timestamp\":" + time + "}"
          : text.substring(0, brace + 1)
              + "\"timestamp\":"
              + time
              + ","
              + text.substring(brace + 1);
    }
    return text.substring(0, span.valueStart()) + time + text.substring(span.valueEnd());
  }

  private String splice(String text, Random random) {
    String other = seeds.get(random.nextInt(seeds.size()));
    return switch (random.nextInt(4)) {
      case 0 ->
          text.substring(0, random.nextInt(text.length() + 1))
              + other.substring(random.nextInt(other.length() + 1));
      case 1 -> text + other;
      case 2 -> text + "," + other;
      default -> text + "\n" + other;
    };
  }

  private @Nullable Span pickSpan(String text, Random random) {
    return JsonSpans.pick(text, fields, random);
  }

  private static String any(List<String> values, Random random) {
    return values.get(random.nextInt(values.size()));
  }

  private static String slice(String text, Random random) {
    if (text.isEmpty()) {
      return "";
    }
    int from = random.nextInt(text.length());
    return text.substring(from, Math.min(text.length(), from + 1 + random.nextInt(32)));
  }

  private static String randomBytes(Random random, int length) {
    byte[] garbage = new byte[length];
    random.nextBytes(garbage);
    return latin1Bytes(garbage);
  }

  static String bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return latin1Bytes(bytes);
  }

  static String latin1(String text) {
    return latin1Bytes(text.getBytes(UTF_8));
  }

  private static String latin1Bytes(byte[] bytes) {
    return new String(bytes, ISO_8859_1);
  }
}
