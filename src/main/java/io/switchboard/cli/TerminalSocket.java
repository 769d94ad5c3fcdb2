package io.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.config.SwitchboardProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The terminal's way into a running service: a Unix socket, {@code <data-dir>/run/terminal.sock}, in a directory only
 * the owner may enter (0700). Whoever can reach it can read the data directory anyway, so it is the terminal (platform
 * {@code cli}) it claims to be; nothing over HTTP can be. One JSON line per message each way:
 * {@code {"user":"alice","text":"hi","debug":false}} → {@code {"text":"…","prompt":[…]}} or {@code {"error":"…"}}.
 */
@Component
@ConditionalOnWebApplication
class TerminalSocket implements AutoCloseable {

  static final int MAX_LINE_CHARS = 256 * 1024;
  private static final Logger log = LoggerFactory.getLogger(TerminalSocket.class);

  private final ObjectMapper json = new ObjectMapper();
  private final TerminalConversation conversation;
  private final Path path;
  private volatile ServerSocketChannel server;

  TerminalSocket(TerminalConversation conversation, SwitchboardProperties properties) {
    this.conversation = conversation;
    this.path = properties.dataDir().toAbsolutePath().resolve("run").resolve("terminal.sock");
  }

  /** @return the socket's path, or null when it could not be opened (the terminal then cannot join this serve) */
  Path open() {
    try {
      Path dir = path.getParent();
      Files.createDirectories(dir);
      if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
      Files.deleteIfExists(path); // left by a serve that was killed
      ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      channel.bind(UnixDomainSocketAddress.of(path));
      server = channel;
      Thread.ofPlatform().daemon().name("terminal-socket").start(this::accept);
      return path;
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("The terminal socket {} could not be opened ({}); `switchboard chat` cannot join this serve", path, e.toString());
      return null;
    }
  }

  private void accept() {
    while (server != null && server.isOpen()) {
      try {
        SocketChannel client = server.accept();
        Thread.ofVirtual().name("terminal-client").start(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(SocketChannel client) {
    try (client;
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
        OutputStream out = Channels.newOutputStream(client)) {
      String line;
      while ((line = in.readLine()) != null) {
        Map<String, Object> answer = answer(line, partial -> write(out, Map.of("partial", partial)));
        write(out, answer);
      }
    } catch (IOException gone) {
      log.debug("Terminal client left: {}", gone.toString());
    }
  }

  /** One JSON line to the client: a partial ({@code {"partial": "so far"}}, when it asked to stream), or the answer. */
  private void write(OutputStream out, Map<String, Object> line) {
    synchronized (out) {
      try {
        out.write((json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException gone) {
        log.debug("Terminal client left: {}", gone.toString());
      }
    }
  }

  private Map<String, Object> answer(String line, Consumer<String> partials) {
    Map<String, Object> answer = new LinkedHashMap<>();
    try {
      if (line.length() > MAX_LINE_CHARS) {
        answer.put("error", "the message is too long");
        return answer;
      }
      JsonNode request = json.readTree(line);
      String user = request.path("user").asText("");
      String text = request.path("text").asText("");
      if (user.isBlank() || text.isBlank()) {
        answer.put("error", "user and text are required");
        return answer;
      }
      Terminal.Reply reply = conversation.open(user).send(text, request.path("debug").asBoolean(false),
          request.path("stream").asBoolean(false) ? partials : null);
      answer.put("text", reply.text());
      answer.put("prompt", reply.prompt());
    } catch (Exception e) {
      answer.put("error", e instanceof java.util.concurrent.ExecutionException ? "the reply failed; try again" : "not understood");
      log.debug("Terminal request failed: {}", e.toString());
    }
    return answer;
  }

  @Override
  public void close() throws IOException {
    ServerSocketChannel channel = server;
    server = null;
    if (channel != null) {
      channel.close();
      Files.deleteIfExists(path);
    }
  }
}
