package dev.goodhart.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The agents' fixtures of the test resources ({@code src/test/resources/fixtures}), written for
 * goodhart's tests: files placed where an agent keeps them, and databases made from SQL scripts
 * (each statement ending with {@code ;} at the end of a line) the way the agent would have written
 * them.
 */
public final class Fixtures {
  private Fixtures() {}

  /** Creates {@code database} (and its folders) and runs the script on it. */
  public static Path create(Path database, String script) {
    try {
      Files.createDirectories(database.toAbsolutePath().getParent());
      execute(database, script);
      return database;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs SQL on an existing database (or a new one), as the agent writing to it would. */
  public static void execute(Path database, String script) {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement()) {
      for (String sql : script.split(";\\s*\\n")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the fixture script failed on " + database, e);
    }
  }

  /** Copies a folder of fixture files (test resources) to {@code target}, keeping its layout. */
  public static Path copyFolder(String resource, Path target) {
    try {
      Path source = Path.of(Fixtures.class.getResource("/fixtures/" + resource).toURI());
      try (var files = Files.walk(source)) {
        for (Path file : files.toList()) {
          Path copy = target.resolve(source.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(copy);
          } else {
            Files.copy(file, copy);
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fixture file's text: an SQL script or an agent's JSON. */
  public static String script(String resource) {
    try (var in = Fixtures.class.getResourceAsStream("/fixtures/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
