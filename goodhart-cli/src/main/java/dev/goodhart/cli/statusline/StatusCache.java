package dev.goodhart.cli.statusline;

import dev.goodhart.model.pricing.ModelPrice;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What {@code goodhart statusline} keeps between calls, in one small binary file (a JVM that has
 * just started reads it in a few milliseconds; text or JSON took tens): how far each transcript was
 * read; the requests of the last hour, whose copies may still come; the older ones folded into
 * quarter-hour sums (every zone's day starts on a quarter hour) and the billing block they ended
 * in; how the price tables priced each model seen; and the cost of the sessions asked about.
 *
 * <p>The file is replaced whole in one rename, so concurrent calls (several Claude Code sessions)
 * each see a consistent state; the last writer wins and the others' reading is done again on the
 * next call, which changes no figure (copies of a request count once). A file that cannot be read,
 * or was made under other price tables, is dropped: the next call starts afresh.
 */
final class StatusCache {
  private static final int MAGIC = 0x67687331; // "ghs1"

  /** The sums are per quarter hour: the finest step of the offset of any zone in use. */
  static final long QUARTER_HOUR_MILLIS = 15 * 60 * 1000L;

  /** How far a transcript was read, and the size and modification time it had then. */
  record FileState(long offset, long lines, long size, long modified) {}

  /** Dollars and the requests without a price among them. */
  record Sum(BigDecimal dollars, int unpriced) {
    static final Sum ZERO = new Sum(BigDecimal.ZERO, 0);

    Sum plus(@Nullable BigDecimal cost) {
      return cost == null ? new Sum(dollars, unpriced + 1) : new Sum(dollars.add(cost), unpriced);
    }

    Sum plus(Sum other) {
      return new Sum(dollars.add(other.dollars), unpriced + other.unpriced);
    }
  }

  /** A billing block: where it starts, its last request, what its requests cost. */
  record Block(Instant start, Instant last, Sum sum) {}

  /** A session's cost from its transcripts, kept up to date by the requests read since. */
  static final class Tally {
    Sum sum;
    long lastUsed;

    Tally(Sum sum, long lastUsed) {
      this.sum = sum;
      this.lastUsed = lastUsed;
    }
  }

  /** Names the price tables the costs come from. */
  String prices = "";

  /**
   * Requests before it are folded into the sums and the block; one read later with an older time is
   * passed over. Null before the first call.
   */
  @Nullable Instant sealed;

  /** The block the folded requests ended in. */
  @Nullable Block block;

  /** Folded requests by quarter hour (epoch millis / {@link #QUARTER_HOUR_MILLIS}). */
  final TreeMap<Long, Sum> quarters = new TreeMap<>();

  /** By the file's path as discovery names it (kept as text: making paths cost a start). */
  final Map<String, FileState> files = new HashMap<>();

  final RecentRequests requests = new RecentRequests();
  final Map<String, Tally> sessions = new HashMap<>();

  /** How the price tables priced each model seen (empty: they do not). */
  final Map<String, Optional<ModelPrice>> modelPrices = new HashMap<>();

  /** The cache in the file, or an empty one when there is none, it is damaged or out of date. */
  static StatusCache load(Path file, String prices) {
    try (InputStream bytes = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(bytes, 1 << 16))) {
      StatusCache cache = new StatusCache();
      if (in.readInt() != MAGIC || !in.readUTF().equals(prices)) {
        return fresh(prices);
      }
      cache.prices = prices;
      cache.read(in);
      return cache;
    } catch (NoSuchFileException e) {
      return fresh(prices);
    } catch (IOException | RuntimeException e) {
      return fresh(prices); // damaged: start afresh
    }
  }

  private static StatusCache fresh(String prices) {
    StatusCache cache = new StatusCache();
    cache.prices = prices;
    return cache;
  }

  private void read(DataInputStream in) throws IOException {
    long sealedMillis = in.readLong();
    sealed = sealedMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(sealedMillis);
    if (in.readBoolean()) {
      block =
          new Block(
              Instant.ofEpochMilli(in.readLong()), Instant.ofEpochMilli(in.readLong()), sum(in));
    }
    for (int n = in.readInt(); n > 0; n--) {
      quarters.put(in.readLong(), sum(in));
    }
    for (int n = in.readInt(); n > 0; n--) {
      files.put(
          in.readUTF(), new FileState(in.readLong(), in.readLong(), in.readLong(), in.readLong()));
    }
    for (int n = in.readInt(); n > 0; n--) {
      String key = in.readUTF();
      String group = in.readUTF();
      requests.add(
          new Request(
              key,
              group.isEmpty() ? null : group,
              in.readBoolean(),
              Instant.ofEpochMilli(in.readLong()),
              in.readUTF(),
              in.readLong(),
              decimal(in)));
    }
    for (int n = in.readInt(); n > 0; n--) {
      sessions.put(in.readUTF(), new Tally(sum(in), in.readLong()));
    }
    for (int n = in.readInt(); n > 0; n--) {
      String model = in.readUTF();
      modelPrices.put(model, in.readBoolean() ? Optional.of(price(in)) : Optional.empty());
    }
  }

  void save(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    // Named by the process, not by Files.createTempFile, whose random name starts the JVM's
    // security providers: a tenth of what the whole call may take.
    Path temporary =
        file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      try (DataOutputStream out =
          new DataOutputStream(
              new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16))) {
        write(out);
      }
      try {
        Files.move(
            temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private void write(DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeUTF(prices);
    out.writeLong(sealed == null ? Long.MIN_VALUE : sealed.toEpochMilli());
    out.writeBoolean(block != null);
    if (block != null) {
      out.writeLong(block.start().toEpochMilli());
      out.writeLong(block.last().toEpochMilli());
      write(out, block.sum());
    }
    out.writeInt(quarters.size());
    for (Map.Entry<Long, Sum> quarter : quarters.entrySet()) {
      out.writeLong(quarter.getKey());
      write(out, quarter.getValue());
    }
    out.writeInt(files.size());
    for (Map.Entry<String, FileState> entry : files.entrySet()) {
      FileState state = entry.getValue();
      out.writeUTF(entry.getKey());
      out.writeLong(state.offset());
      out.writeLong(state.lines());
      out.writeLong(state.size());
      out.writeLong(state.modified());
    }
    out.writeInt(requests.size());
    for (Request request : requests.all()) {
      out.writeUTF(request.key());
      out.writeUTF(request.group() == null ? "" : request.group());
      out.writeBoolean(request.sidechain());
      out.writeLong(request.at().toEpochMilli());
      out.writeUTF(request.session());
      out.writeLong(request.tokens());
      write(out, request.cost());
    }
    out.writeInt(sessions.size());
    for (Map.Entry<String, Tally> entry : sessions.entrySet()) {
      out.writeUTF(entry.getKey());
      write(out, entry.getValue().sum);
      out.writeLong(entry.getValue().lastUsed);
    }
    out.writeInt(modelPrices.size());
    for (Map.Entry<String, Optional<ModelPrice>> entry : modelPrices.entrySet()) {
      out.writeUTF(entry.getKey());
      out.writeBoolean(entry.getValue().isPresent());
      if (entry.getValue().isPresent()) {
        write(out, entry.getValue().get());
      }
    }
  }

  private static void write(DataOutputStream out, ModelPrice price) throws IOException {
    out.writeUTF(price.name());
    write(out, price.standard());
    out.writeBoolean(price.longContext() != null);
    if (price.longContext() != null) {
      write(out, price.longContext());
    }
    write(out, price.fastMultiplier());
  }

  private static void write(DataOutputStream out, ModelPrice.PublishedRates rates)
      throws IOException {
    write(out, rates.input());
    write(out, rates.output());
    write(out, rates.cacheRead());
    write(out, rates.cacheWrite5m());
  }

  private static ModelPrice price(DataInputStream in) throws IOException {
    String name = in.readUTF();
    ModelPrice.PublishedRates standard = rates(in);
    ModelPrice.PublishedRates longContext = in.readBoolean() ? rates(in) : null;
    return new ModelPrice(name, standard, longContext, decimal(in));
  }

  private static ModelPrice.PublishedRates rates(DataInputStream in) throws IOException {
    BigDecimal input = decimal(in);
    BigDecimal output = decimal(in);
    if (input == null || output == null) {
      throw new IOException("a price without input or output rate");
    }
    return new ModelPrice.PublishedRates(input, output, decimal(in), decimal(in));
  }

  private static void write(DataOutputStream out, Sum sum) throws IOException {
    write(out, sum.dollars());
    out.writeInt(sum.unpriced());
  }

  private static Sum sum(DataInputStream in) throws IOException {
    BigDecimal dollars = decimal(in);
    return new Sum(dollars == null ? BigDecimal.ZERO : dollars, in.readInt());
  }

  /** An exact decimal as its unscaled digits and scale; the scale's sign bit set means null. */
  private static void write(DataOutputStream out, @Nullable BigDecimal value) throws IOException {
    if (value == null) {
      out.writeInt(Integer.MIN_VALUE);
      return;
    }
    byte[] unscaled = value.unscaledValue().toByteArray();
    if (unscaled.length > 255) {
      throw new IOException("an amount too large for the cache: " + value);
    }
    out.writeInt(value.scale());
    out.writeByte(unscaled.length);
    out.write(unscaled);
  }

  private static @Nullable BigDecimal decimal(DataInputStream in) throws IOException {
    int scale = in.readInt();
    if (scale == Integer.MIN_VALUE) {
      return null;
    }
    byte[] unscaled = new byte[in.readUnsignedByte()];
    in.readFully(unscaled);
    return new BigDecimal(new java.math.BigInteger(unscaled), scale);
  }
}
