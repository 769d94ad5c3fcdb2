package io.switchboard.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal RFC 6455 WebSocket server on loopback, for fakes of platforms that push over a WebSocket: it accepts
 * connections (recording the request path and query), sends text frames to the newest connection, records the text
 * frames clients send, answers pings and closes. Text frames only, which is what those platforms use.
 */
public final class LoopbackWebSocket implements AutoCloseable {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)\\s*$");
  private static final Pattern REQUEST_LINE = Pattern.compile("^GET (\\S+) HTTP/1.1");

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> received = new CopyOnWriteArrayList<>();

  public LoopbackWebSocket() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.submit(this::accept);
  }

  public String url(String path) {
    return "ws://127.0.0.1:" + server.getLocalPort() + path;
  }

  /** The request targets (path and query) of every connection, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** Text frames received from clients, in order. */
  public List<String> received() {
    return List.copyOf(received);
  }

  public int openConnections() {
    return (int) connections.stream().filter(s -> !s.isClosed()).count();
  }

  /** Sends a text frame on the newest open connection. */
  public synchronized void send(String text) throws IOException {
    Socket newest = connections.stream().filter(s -> !s.isClosed()).reduce((a, b) -> b).orElseThrow(() -> new IOException("no client connected"));
    writeFrame(newest.getOutputStream(), 0x1, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Drops every connection without a close handshake, as a network failure would. */
  public void dropAll() throws IOException {
    for (Socket socket : connections) {
      socket.close();
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        threads.submit(() -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      String request = readHeaders(in);
      Matcher key = KEY.matcher(request);
      Matcher line = REQUEST_LINE.matcher(request);
      if (!key.find() || !line.find()) {
        return;
      }
      String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest((key.group(1) + GUID).getBytes(StandardCharsets.US_ASCII)));
      OutputStream out = socket.getOutputStream();
      synchronized (this) {
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
      requests.add(line.group(1));
      connections.add(socket);
      DataInputStream frames = new DataInputStream(in);
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      while (true) {
        int first = frames.readUnsignedByte();
        int second = frames.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
          length = frames.readUnsignedShort();
        } else if (length == 127) {
          length = frames.readLong();
        }
        byte[] mask = new byte[4];
        if ((second & 0x80) != 0) {
          frames.readFully(mask);
        }
        byte[] payload = new byte[(int) length];
        frames.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i % 4];
        }
        int opcode = first & 0x0F;
        if (opcode == 0x8) { // close: answer and end
          synchronized (this) {
            writeFrame(out, 0x8, payload);
          }
          return;
        } else if (opcode == 0x9) {
          synchronized (this) {
            writeFrame(out, 0xA, payload);
          }
        } else if (opcode == 0x1 || opcode == 0x0) {
          message.write(payload);
          if ((first & 0x80) != 0) {
            received.add(message.toString(StandardCharsets.UTF_8));
            message.reset();
          }
        }
      }
    } catch (Exception ended) {
      // the client went away, or the test dropped the connection
    }
  }

  private static String readHeaders(InputStream in) throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the handshake");
      }
      headers.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
    }
    return headers.toString(StandardCharsets.US_ASCII);
  }

  private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
    out.write(0x80 | opcode);
    if (payload.length < 126) {
      out.write(payload.length);
    } else if (payload.length < 65536) {
      out.write(126);
      out.write(payload.length >> 8);
      out.write(payload.length & 0xFF);
    } else {
      out.write(127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) ((long) payload.length >> shift) & 0xFF);
      }
    }
    out.write(payload);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    dropAll();
    threads.shutdownNow();
  }
}
