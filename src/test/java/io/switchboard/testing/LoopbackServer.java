package io.switchboard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/** The common part of the platform fakes: a JDK HTTP server on 127.0.0.1, any free port, a virtual thread per call. */
public abstract class LoopbackServer implements AutoCloseable {

  static {
    // the JDK server writes headers and body separately; without this, Nagle + delayed ACKs add ~40 ms per call
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  protected final HttpServer server;
  private final java.util.List<AutoCloseable> companions = new java.util.concurrent.CopyOnWriteArrayList<>();

  protected LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
  }

  protected String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  protected static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  /** Something the fake runs beside its HTTP server (a WebSocket gateway), closed with it. */
  protected <T extends AutoCloseable> T companion(T closeable) {
    companions.add(closeable);
    return closeable;
  }

  @Override
  public void close() {
    server.stop(0);
    for (AutoCloseable companion : companions) {
      try {
        companion.close();
      } catch (Exception ignored) {
        // closing anyway
      }
    }
  }

  /** A fake started in a static field: its IOException is a broken test set-up. */
  public interface Starter<T> {
    T start() throws IOException;
  }

  public static <T> T start(Starter<T> starter) {
    try {
      return starter.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
