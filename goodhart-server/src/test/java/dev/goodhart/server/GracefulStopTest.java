package dev.goodhart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.access.Scope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the server (Ctrl-C, SIGTERM) lets a request that is being received finish and be
 * answered, stores what it carried, and takes no new connection meanwhile.
 */
class GracefulStopTest {
  @TempDir Path folder;

  @Test
  void aRequestInFlightWhenTheServerStopsIsAnsweredAndStored() throws Exception {
    RunningServer running = new RunningServer(folder);
    try {
      String ingest = running.token(Scope.INGEST);
      List<LogRecord> records = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        records.add(
            OtlpRecords.apiRequest(
                "req_" + i, "s", "ana@example.com", Instant.parse("2026-11-30T10:00:00Z")));
      }
      byte[] body = OtlpRecords.request(records).toByteArray();
      int port = running.server.port();
      try (Socket socket = new Socket("127.0.0.1", port)) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /v1/logs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                    + "Content-Type: application/x-protobuf\r\nContent-Length: %d\r\n\r\n")
                .formatted(ingest, body.length)
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length / 2);
        out.flush();
        Thread.sleep(300); // the handler is now waiting for the rest of the body

        Thread stopping = Thread.ofPlatform().start(running.server::close);
        Thread.sleep(500); // the server is now stopping
        assertThrows(
            ConnectException.class,
            () -> new Socket("127.0.0.1", port).close(),
            "a stopping server takes no new connection");

        out.write(body, body.length / 2, body.length - body.length / 2);
        out.flush();
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        String status = in.readLine();
        assertTrue(
            status != null && status.startsWith("HTTP/1.1 200"),
            "the request in flight is answered: " + status);
        stopping.join(30_000);
        assertTrue(!stopping.isAlive(), "the server stopped once the request was answered");
      }
      assertEquals(
          50, running.store.statistics().events(), "what the answered request carried is stored");
    } finally {
      running.store.close();
    }
  }
}
