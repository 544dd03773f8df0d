package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.server.LocalAdmin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code goodhart token create|list|revoke} while a real {@code goodhart serve} process holds the
 * store: through the server's admin API with its local admin credential, which only the owner can
 * read and which the server alone accepts; directly again once the server has stopped.
 */
class TokenWhileServingTest {
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)/");

  @TempDir Path folder;

  @Test
  void tokensAreMadeListedAndRevokedThroughTheRunningServer() throws Exception {
    CliHarness cli = new CliHarness(folder);
    Path log = folder.resolve("serve.log");
    Process server =
        JavaProcess.start(
            Main.class, cli.variables, log, "--data", cli.data.toString(), "serve", "--port", "0");
    try {
      int port = port(log, server);
      Path file = cli.data.resolve(LocalAdmin.FILE_NAME);
      assertEquals(
          EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
          Files.getPosixFilePermissions(file),
          "only the owner may read the local admin credential");

      CliHarness.Result made = cli.run("token", "create", "--scope", "read", "--name", "dash");
      assertEquals(0, made.exitCode(), made::toString);
      assertTrue(made.err().contains("through the running goodhart serve"), made::toString);
      String token = made.out().strip();
      String id = token.split("_")[1];
      assertEquals(200, status(port, token), "the server knows the token made through it");

      CliHarness.Result list = cli.run("token", "list");
      assertEquals(0, list.exitCode(), list::toString);
      assertTrue(list.out().contains(id) && list.out().contains("dash"), list::toString);
      assertTrue(list.out().contains("first admin"), "the bootstrap token is listed too");
      assertFalse(list.out().contains(token), "a listing never shows a token");
      assertFalse(list.out().contains("local-admin"), "the local credential is not a token");

      CliHarness.Result revoked = cli.run("token", "revoke", id);
      assertEquals(0, revoked.exitCode(), revoked::toString);
      assertEquals(401, status(port, token), "a revoked token is refused at once");
      CliHarness.Result again = cli.run("token", "revoke", id);
      assertEquals(2, again.exitCode(), again::toString);
      assertTrue(again.err().contains("no active token"), again::toString);

      // A credential the server did not make is refused: reading the file is what authenticates.
      String published = Files.readString(file);
      Files.writeString(file, published.replaceAll("ghl_[A-Za-z0-9_-]+", "ghl_" + "x".repeat(43)));
      CliHarness.Result forged = cli.run("token", "list");
      assertEquals(4, forged.exitCode(), forged::toString);
      assertTrue(forged.err().contains("answered 401"), forged::toString);
      Files.writeString(file, published);

      server.destroy(); // SIGTERM, as Ctrl-C
      assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stops on SIGTERM");
      assertFalse(Files.exists(file), "a stopped server leaves no credential behind");

      CliHarness.Result direct = cli.run("token", "list");
      assertEquals(0, direct.exitCode(), direct::toString);
      assertFalse(direct.err().contains("running goodhart serve"), direct::toString);
      assertTrue(direct.out().contains(id + "  dash"), direct::toString);
      assertTrue(direct.out().contains("revoked"), direct::toString);
    } finally {
      server.destroyForcibly().waitFor();
    }
  }

  private static int port(Path log, Process server) throws Exception {
    for (int i = 0; i < 600; i++) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      Matcher matcher = LISTENING.matcher(text);
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
      if (!server.isAlive()) {
        throw new AssertionError("goodhart serve exited:\n" + text);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("goodhart serve did not start:\n" + Files.readString(log));
  }

  private static int status(int port, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/status"))
            .header("Authorization", "Bearer " + token)
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }
}
