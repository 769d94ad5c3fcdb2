package io.switchboard.outbound;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The one HTTP client for URLs that users or models steer. Every request and every redirect it follows is checked by
 * the {@link OutboundGuard} before it is made; a response is read up to {@code switchboard.outbound.max-response-bytes}
 * and no longer than {@code switchboard.outbound.timeout}. Failures say what went wrong in words a user can act on.
 */
@Component
public class GuardedHttpClient {

  /** A fetched response: its status, content type and body. */
  public record Response(int status, String contentType, byte[] body, URI uri) {}

  static final int MAX_REDIRECTS = 5;

  private final OutboundGuard guard;
  private final long maxBytes;
  private final Duration timeout;
  private final HttpClient http;

  @Autowired
  public GuardedHttpClient(OutboundGuard guard, @Value("${switchboard.outbound.max-response-bytes:5MB}") DataSize maxBytes,
      @Value("${switchboard.outbound.timeout:30s}") Duration timeout) {
    this.guard = guard;
    this.maxBytes = maxBytes.toBytes();
    this.timeout = timeout;
    // redirects are followed here, one checked hop at a time, never by the client itself
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public OutboundGuard guard() {
    return guard;
  }

  /** GET, following up to {@value #MAX_REDIRECTS} redirects; any status is returned, the caller decides. */
  public Response get(String url, Map<String, String> headers) throws OutboundRefusedException, InterruptedException {
    return send("GET", url, headers, null);
  }

  /**
   * Any method, with an optional body. Redirects are followed (each hop checked) for GET and HEAD only; another
   * method gets the redirect itself back, so that a body is never replayed to where a server points.
   */
  public Response send(String method, String url, Map<String, String> headers, String body) throws OutboundRefusedException, InterruptedException {
    return send(method, url, headers, body, timeout);
  }

  /** As {@link #send(String, String, Map, String)}, waiting up to {@code timeout} for the whole answer (a slow agent service). */
  public Response send(String method, String url, Map<String, String> headers, String body, Duration timeout)
      throws OutboundRefusedException, InterruptedException {
    return send(method, url, headers, body, timeout, null);
  }

  /**
   * As {@link #send(String, String, Map, String, Duration)}, handing each line of the answer to {@code lines} as it
   * arrives (an agent service's event stream, shown as it is written); the whole answer is the response's body still.
   */
  public Response send(String method, String url, Map<String, String> headers, String body, Duration timeout, Consumer<String> lines)
      throws OutboundRefusedException, InterruptedException {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new OutboundRefusedException("not a URL");
    }
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      guard.check(uri);
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      headers.forEach(request::header);
      HttpResponse<InputStream> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpTimeoutException e) {
        throw new OutboundRefusedException("unreachable: no answer within " + timeout.toSeconds() + " s", true);
      } catch (IOException | IllegalArgumentException e) {
        throw new OutboundRefusedException("unreachable", true);
      }
      Optional<String> location = response.headers().firstValue("Location");
      boolean followed = method.equals("GET") || method.equals("HEAD");
      if (followed && response.statusCode() / 100 == 3 && location.isPresent()) {
        close(response);
        try {
          uri = uri.resolve(location.get().strip());
        } catch (IllegalArgumentException e) {
          throw new OutboundRefusedException("unreachable: a redirect to an invalid URL");
        }
        continue;
      }
      byte[] answer = lines == null || response.statusCode() / 100 != 2 ? read(response) : read(response, lines);
      return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), answer, uri);
    }
    throw new OutboundRefusedException("unreachable: more than " + MAX_REDIRECTS + " redirects");
  }

  private byte[] read(HttpResponse<InputStream> response) throws OutboundRefusedException {
    try (InputStream body = response.body()) {
      byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw new OutboundRefusedException("larger than " + DataSize.ofBytes(maxBytes).toMegabytes() + " MB");
      }
      return bytes;
    } catch (IOException e) {
      throw new OutboundRefusedException("unreachable: the answer broke off", true);
    }
  }

  /** The body read a line at a time, each line handed on as it comes, within the same size limit. */
  private byte[] read(HttpResponse<InputStream> response, Consumer<String> lines) throws OutboundRefusedException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (all.size() + bytes.length > maxBytes) {
          throw new OutboundRefusedException("larger than " + DataSize.ofBytes(maxBytes).toMegabytes() + " MB");
        }
        all.write(bytes);
        lines.accept(line);
      }
      return all.toByteArray();
    } catch (IOException e) {
      throw new OutboundRefusedException("unreachable: the answer broke off", true);
    }
  }

  private static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // the redirect's body is not needed
    }
  }
}
