package dev.goodhart.bench;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.SourceRegistry;
import dev.goodhart.ingest.UsageSource;
import dev.goodhart.synthetic.SyntheticLogs;
import dev.goodhart.synthetic.SyntheticSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One thread parsing every line of 32 MiB of synthetic Claude Code transcripts or Codex rollouts
 * held in memory: the parser's own cost, without file reading or the store. One operation is the
 * whole corpus, so MiB/s = 32 / (seconds per operation).
 *
 * <p>Run: {@code java -jar goodhart-bench/target/goodhart-bench.jar BenchmarkLineParsing}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BenchmarkLineParsing {
  @Param({"claude", "codex"})
  public String source;

  private final List<byte[]> files = new ArrayList<>();

  /** Per file, where each line ends: found in setup, so that only parsing is measured. */
  private final List<int[]> lineEnds = new ArrayList<>();

  private UsageSource usageSource;
  private Path home;

  @Setup(Level.Trial)
  public void writeLogs() throws IOException {
    home = Files.createTempDirectory("goodhart-bench");
    boolean claude = source.equals("claude");
    SyntheticLogs.write(home, SyntheticSpec.of(7, claude ? 32 << 20 : 0, claude ? 0 : 32 << 20));
    usageSource = SourceRegistry.load().get(source);
    Path root = claude ? SyntheticLogs.claudeProjects(home) : SyntheticLogs.codexHome(home);
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(path);
        files.add(bytes);
        lineEnds.add(lineEnds(bytes));
      }
    }
  }

  @TearDown(Level.Trial)
  public void deleteLogs() throws IOException {
    try (Stream<Path> paths = Files.walk(home)) {
      paths.sorted(Comparator.reverseOrder()).forEach(BenchmarkLineParsing::delete);
    }
  }

  @Benchmark
  public void parseEveryLine(Blackhole sink) throws BadRecordException {
    Path root = Path.of("/logs");
    Path path = root.resolve("file.jsonl");
    RecordSink consumer = sink::consume;
    for (int f = 0; f < files.size(); f++) {
      byte[] file = files.get(f);
      RecordParser parser =
          usageSource.newParser(new LogFile(source, root, path, "m", null, "file.jsonl"), "");
      int start = 0;
      int[] ends = lineEnds.get(f);
      for (int line = 0; line < ends.length; line++) {
        parser.parse(file, start, ends[line] - start, line + 1, consumer);
        start = ends[line] + 1;
      }
    }
  }

  private static int[] lineEnds(byte[] bytes) {
    int count = 0;
    for (byte b : bytes) {
      count += b == '\n' ? 1 : 0;
    }
    int[] ends = new int[count];
    for (int i = 0, line = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        ends[line++] = i;
      }
    }
    return ends;
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
