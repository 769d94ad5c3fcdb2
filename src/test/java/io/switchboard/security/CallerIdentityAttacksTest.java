package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.testing.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Claiming to be somebody else: over the API, in the web chat, as the terminal. */
class CallerIdentityAttacksTest extends SecurityTestContext {

  @Autowired WebLogins logins;

  @Test
  void theApiNeedsAKeyAndABadOneIsRefused() {
    assertThat(api.anonymous().post("/api/v1/sessions", Map.of()).status()).isEqualTo(401);
    assertThat(api.anonymous().get("/api/v1/sessions").body().path("error").asText()).contains("Authorization: Bearer <key>");
    HttpResponse<String> forged = api.raw(HttpRequest.newBuilder(api.uri("/api/v1/sessions")).header("Authorization", "Bearer sbk_forged").GET());
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).contains("not valid");
    stillHealthy();
  }

  @Test
  void aCallerCannotClaimAnotherUsersIdOrReachTheirSessions() {
    ApiClient mallory = api.as("mallory");
    String victims = api.newSession("victim");
    api.say(victims, "my secret plan");

    // claiming the admin's id, or the victim's
    assertThat(mallory.post("/api/v1/sessions", Map.of("userId", "root")).status()).isEqualTo(403);
    assertThat(mallory.get("/api/v1/sessions?userId=victim").status()).isEqualTo(403);
    // reading, posting into, or even confirming the existence of the victim's session
    assertThat(mallory.get("/api/v1/sessions/" + victims + "/messages").status()).isEqualTo(404);
    assertThat(mallory.get("/api/v1/sessions/" + victims).status()).isEqualTo(404);
    assertThat(mallory.post("/api/v1/sessions/" + victims + "/messages", Map.of("text", "key set sk-x http://evil.example/v1")).status()).isEqualTo(404);
    assertThat(mallory.get("/api/v1/sessions").body().findValuesAsText("id")).doesNotContain(victims);
    assertThat(history("api:default:" + victims)).containsExactly("my secret plan", "echo: my secret plan");
    stillHealthy();
  }

  @Test
  void platformSessionsAndTheTerminalAreNeverReachableOverHttp() throws Exception {
    String chat = "im-" + tag();
    webhook(chat, "u-" + chat, "hello from the platform");
    await().atMost(Duration.ofSeconds(30)).until(() -> !history("http:hb:" + chat).isEmpty());
    String imSession = jdbc.sql("SELECT id FROM sessions WHERE conversation_key = ?").param("http:hb:" + chat).query(String.class).single();
    ApiClient owner = api.as("u-" + chat); // even a user named like the platform user
    assertThat(owner.get("/api/v1/sessions/" + imSession + "/messages").status()).isEqualTo(404);
    assertThat(owner.post("/api/v1/sessions/" + imSession + "/messages", Map.of("text", "as them")).status()).isEqualTo(404);
    assertThat(owner.get("/api/v1/sessions?platform=http").status()).isEqualTo(400);
    assertThat(owner.post("/api/v1/sessions", Map.of("platform", "cli")).status()).isEqualTo(400);
    assertThat(owner.get("/api/v1/sessions?platform=cli").status()).isEqualTo(400);
  }

  @Test
  void aUserWhoIsNotAnAdminCannotGrantThemselvesAnything() {
    String session = api.newSession("grabber");
    String answer = api.say(session, "/grant grabber admin").body().path("text").asText();
    assertThat(answer).contains("restricted");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM permissions WHERE user_key LIKE ?").param("%grabber%").query(Long.class).single()).isZero();
  }

  @Test
  void theWebChatNeedsALoginAndALoginLinkWorksOnce() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    // no session: the socket is refused at the handshake
    assertThatThrownBy(() -> browser.newWebSocketBuilder().buildAsync(ws("chat-aaaaaaaa"), new Collector()).join())
        .isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);

    String token = logins.issue("local", Duration.ofMinutes(5));
    HttpResponse<String> link = browser.send(HttpRequest.newBuilder(URI.create(base() + "/?token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(link.statusCode()).isEqualTo(303);
    assertThat(link.headers().firstValue("Location")).hasValue("/");
    // used up: another browser with the same link gets nothing
    HttpClient other = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    HttpResponse<String> reused = other.send(HttpRequest.newBuilder(URI.create(base() + "/?token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(reused.headers().firstValue("Location")).hasValue("/#login-link-used-or-expired");
    assertThat(other.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

    // logged in: the chat is this user's own, named by the user, whatever the browser calls it
    Collector replies = new Collector();
    WebSocket socket = browser.newWebSocketBuilder().buildAsync(ws("chat-bbbbbbbb"), replies).get(10, TimeUnit.SECONDS);
    socket.sendText("{\"text\":\"hello from the web\"}", true).get(10, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(30)).until(() -> replies.texts.stream().anyMatch(t -> t.contains("echo: hello from the web")));
    assertThat(history("web:default:local.chat-bbbbbbbb")).containsExactly("hello from the web", "echo: hello from the web");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");

    // another site's page cannot open the socket with this browser's cookie
    assertThatThrownBy(() -> browser.newWebSocketBuilder().header("Origin", "http://evil.example").buildAsync(ws("chat-bbbbbbbb"), new Collector()).join())
        .hasCauseInstanceOf(WebSocketHandshakeException.class);
  }

  @Test
  void anApiKeyLogsABrowserIntoTheWebChatAndAProducerTokenDoesNot() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    HttpResponse<String> wrong = browser.send(login("{\"key\":\"sbk_nope\"}"), HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(401);
    String producer = applicationContext.getBean(io.switchboard.producer.ApiTokens.class).create("web-" + tag(), List.of("events")).plaintext();
    assertThat(browser.send(login("{\"key\":\"" + producer + "\"}"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    HttpResponse<String> ok = browser.send(login("{\"key\":\"" + api.keyOf("webby") + "\"}"), HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(browser.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body()).contains("webby");
    // a login posted from another site is refused (the cookie would log the victim into the attacker's account)
    HttpResponse<String> crossSite = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/login"))
        .header("Origin", "http://evil.example").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + api.keyOf("webby") + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(crossSite.statusCode()).isEqualTo(403);
  }

  private HttpRequest login(String body) {
    return HttpRequest.newBuilder(URI.create(base() + "/login")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private URI ws(String chat) {
    return URI.create("ws://127.0.0.1:" + port + "/ws/chat?chat=" + chat);
  }

  /** Collects the text frames a socket receives. */
  static final class Collector implements WebSocket.Listener {
    final List<String> texts = new CopyOnWriteArrayList<>();

    @Override
    public java.util.concurrent.CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      texts.add(data.toString());
      webSocket.request(1);
      return null;
    }
  }
}
