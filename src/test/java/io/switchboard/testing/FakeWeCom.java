package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback fake of WeCom's server API: {@code gettoken} issues numbered tokens; {@code message/send} checks the token
 * (errcode 42001 "access_token expired" for one {@link #expireTokens()} invalidated) and records the message. Content
 * containing {@code [[busy]]} gets errcode -1 (system busy) every time.
 */
public final class FakeWeCom extends LoopbackServer {

  /** One message/send call, with the errcode it was answered. */
  public record Send(JsonNode body, int errcode) {}

  private final ObjectMapper json = new ObjectMapper();
  private final List<Send> sends = new CopyOnWriteArrayList<>();
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger issued = new AtomicInteger();

  public FakeWeCom() throws IOException {
    server.createContext("/cgi-bin/", this::handle);
    server.start();
  }

  public String url() {
    return base();
  }

  public void expireTokens() {
    validTokens.clear();
  }

  public int tokensIssued() {
    return issued.get();
  }

  public List<Send> sent(String marker) {
    return sends.stream().filter(s -> s.body().path("text").path("content").asText().contains(marker)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
    if (path.equals("/cgi-bin/gettoken")) {
      String token = "wt-" + issued.incrementAndGet();
      validTokens.add(token);
      respond(exchange, Map.of("errcode", 0, "errmsg", "ok", "access_token", token, "expires_in", 7200));
      return;
    }
    JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
    String token = query.replaceAll(".*access_token=([^&]*).*", "$1");
    int errcode;
    if (!validTokens.contains(token)) {
      errcode = 42001;
    } else if (body.toString().contains("[[busy]]")) {
      errcode = -1;
    } else {
      errcode = 0;
    }
    sends.add(new Send(body, errcode));
    respond(exchange, Map.of("errcode", errcode, "errmsg", errcode == 0 ? "ok" : errcode == -1 ? "system busy" : "access_token expired"));
  }

  private void respond(HttpExchange exchange, Map<String, Object> body) throws IOException {
    respond(exchange, 200, "application/json", json.writeValueAsBytes(body));
  }
}
