package io.switchboard.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A loopback HTTP API for tools: {@code GET /weather/<city>} answers a JSON forecast for the cities it knows and
 * 404 for others ({@code DELETE} there "forgets" it); {@code GET /page} is an HTML page. Every request is kept
 * (its path, prefixed with the method when not GET), so tests count how often a tool ran. {@code GET /slow?ms=N}
 * answers after N milliseconds, a tool that takes its time.
 */
public final class FakeToolApi extends LoopbackServer {

  private static final Map<String, String> FORECASTS = Map.of("Paris", "sunny, 21 C", "Oslo", "snow, -3 C");
  private final List<String> requests = new CopyOnWriteArrayList<>();

  public FakeToolApi() throws IOException {
    server.createContext("/weather/", this::weather);
    server.createContext("/page", this::page);
    server.createContext("/slow", this::slow);
    server.start();
  }

  public String url(String path) {
    return base() + path;
  }

  /**
   * Declares {@code forget_city} in a test's settings: an HTTP tool with a side effect ({@code DELETE /weather/{city}}
   * here), marked {@code confirm: true}, and allows the guarded client to reach this fake on loopback.
   */
  public void declareForgetCity(DynamicPropertyRegistry registry) {
    registry.add("switchboard.tools.http.forget_city.method", () -> "DELETE");
    registry.add("switchboard.tools.http.forget_city.url", () -> url("/weather/{city}"));
    registry.add("switchboard.tools.http.forget_city.confirm", () -> "true");
    registry.add("switchboard.tools.http.forget_city.description", () -> "Forgets a city");
    registry.add("switchboard.outbound.allow", () -> "127.0.0.1");
  }

  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void weather(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    requests.add(exchange.getRequestMethod().equals("GET") ? path : exchange.getRequestMethod() + " " + path);
    String city = java.net.URLDecoder.decode(path.substring("/weather/".length()), StandardCharsets.UTF_8);
    String forecast = FORECASTS.get(city);
    if (forecast == null) {
      respond(exchange, 404, "application/json", "{\"error\":\"unknown city\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    respond(exchange, 200, "application/json", ("{\"city\":\"" + city + "\",\"forecast\":\"" + forecast + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  private void page(HttpExchange exchange) throws IOException {
    requests.add("/page");
    String html = "<html><head><title>Harbour news</title><script>var x = 1;</script></head>"
        + "<body><h1>Ferries</h1><p>The 9:15 ferry runs late today.</p></body></html>";
    respond(exchange, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  private void slow(HttpExchange exchange) throws IOException {
    requests.add("/slow");
    String query = String.valueOf(exchange.getRequestURI().getQuery());
    long millis = query.startsWith("ms=") ? Long.parseLong(query.substring(3)) : 1000;
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    respond(exchange, 200, "text/plain; charset=utf-8", ("done after " + millis + " ms").getBytes(StandardCharsets.UTF_8));
  }
}
