package io.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The terminal conversation through a running serve's terminal socket; the same session as in-process chat. */
class RemoteTerminal implements Terminal, AutoCloseable {

  private final ObjectMapper json = new ObjectMapper();
  private final String user;
  private final SocketChannel channel;
  private final BufferedReader in;
  private final OutputStream out;

  RemoteTerminal(Path socket, String user) throws IOException {
    this.user = user;
    this.channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(socket));
    this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    this.out = Channels.newOutputStream(channel);
  }

  @Override
  public Reply send(String text, boolean debug, Consumer<String> partials) throws IOException {
    out.write((json.writeValueAsString(Map.of("user", user, "text", text, "debug", debug, "stream", partials != null)) + "\n")
        .getBytes(StandardCharsets.UTF_8));
    out.flush();
    JsonNode reply;
    do { // the answer so far, while it is written (when asked for), then the answer
      String line = in.readLine();
      if (line == null) {
        throw new IOException("the Switchboard service closed the terminal socket");
      }
      reply = json.readTree(line);
      if (reply.has("partial") && partials != null) {
        partials.accept(reply.path("partial").asText());
      }
    } while (reply.has("partial"));
    if (reply.has("error")) {
      throw new IOException(reply.path("error").asText());
    }
    List<String> prompt = new ArrayList<>();
    reply.path("prompt").forEach(p -> prompt.add(p.asText()));
    return new Reply(reply.path("text").asText(), prompt);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
