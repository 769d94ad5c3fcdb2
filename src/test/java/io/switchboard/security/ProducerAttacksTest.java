package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.producer.ApiTokens;
import io.switchboard.testing.RawAmqp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** Producers (tokens, raw AMQP) trying to speak as platform users and admins. */
class ProducerAttacksTest extends SecurityTestContext {

  @Autowired ApiTokens tokens;
  @Autowired ConnectionFactory connectionFactory;

  @Test
  void aNewTokenGetsTheNarrowestUsefulScope() {
    assertThat(tokens.create("narrow-" + tag(), List.of()).token().scopes()).containsExactly("events");
  }

  @Test
  void aTokenWithoutAPlatformScopeCannotPostAsAPlatformUser() {
    String chat = "victim-" + tag();
    for (List<String> scopes : List.of(List.of("events"), List.of("*"), List.of("events:slack:*"))) {
      String token = tokens.create("ci-" + tag(), scopes).plaintext();
      HttpResponse<String> answer = postEvent(token, cloudEvent("e-" + tag(), "http", chat, "root", "/grant mallory admin"));
      assertThat(answer.statusCode()).as(scopes.toString()).isEqualTo(403);
      assertThat(answer.body()).contains("events:http:hb");
    }
    assertThat(history("http:hb:" + chat)).isEmpty();
    stillHealthy();
  }

  @Test
  void aTokenNamingThePlatformPostsAsItsUserButNeverAsAnAdmin() {
    String chat = "acting-" + tag();
    String token = tokens.create("bridge-" + tag(), List.of("events:http:hb")).plaintext();
    // "root" is the http platform's admin; the producer's event names it as its sender
    HttpResponse<String> answer = postEvent(token, cloudEvent("e-" + tag(), "http", chat, "root", "/grant mallory admin"));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> history("http:hb:" + chat).size() == 2);
    assertThat(history("http:hb:" + chat).get(1)).contains("restricted");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM permissions WHERE user_key LIKE '%mallory%'").query(Long.class).single()).isZero();
  }

  @Test
  void aProducerCannotUseTheUsersApiNorAUserTheProducersOne() {
    String token = tokens.create("wrong-door-" + tag(), List.of("events")).plaintext();
    HttpResponse<String> asUser = api.raw(HttpRequest.newBuilder(api.uri("/api/v1/sessions")).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(asUser.statusCode()).isEqualTo(403);
    HttpResponse<String> asProducer = api.raw(HttpRequest.newBuilder(api.uri("/api/v1/events")).header("Authorization", "Bearer " + api.keyOf("eve"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(cloudEvent("x", "ci", "c1", "eve", "hi"))));
    assertThat(asProducer.statusCode()).isEqualTo(403);
  }

  @Test
  void aRawAmqpEventCannotActInAPlatformConversationAndItsReplayIsRefusedToo() throws Exception {
    String chat = "raw-" + tag();
    RawAmqp.publish(connectionFactory, "sb.ingress", "message.received.http.hb", cloudEvent("r-" + chat, "http", chat, "root", "/grant mallory admin"));
    JsonNode letter = await().atMost(Duration.ofSeconds(30)).until(() -> api.deadLetterFor("r-" + chat), l -> l != null);
    assertThat(letter.path("reason").asText()).contains("cannot act in http conversations");
    assertThat(letter.path("producer").asText()).isEqualTo("amqp:anonymous");
    assertThat(history("http:hb:" + chat)).isEmpty();
    // the operator replaying it would make it Switchboard's own: refused
    var replay = api.post("/api/v1/dead-letters/" + letter.path("id").asText() + "/replay", Map.of());
    assertThat(replay.status()).isEqualTo(422);
    assertThat(history("http:hb:" + chat)).isEmpty();
  }

  @Test
  void theEmbeddedBrokerHasNoGuestAccount() {
    com.rabbitmq.client.ConnectionFactory guest = new com.rabbitmq.client.ConnectionFactory();
    guest.setHost(connectionFactory.getHost());
    guest.setPort(connectionFactory.getPort());
    guest.setVirtualHost(connectionFactory.getVirtualHost());
    guest.setUsername("guest");
    guest.setPassword("guest");
    assertThatThrownBy(() -> guest.newConnection().close()).isInstanceOf(Exception.class);
    assertThat(connectionFactory.getUsername()).isEqualTo("switchboard");
  }

  HttpResponse<String> postEvent(String token, String body) {
    return api.raw(HttpRequest.newBuilder(api.uri("/api/v1/events")).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  static String cloudEvent(String id, String platform, String chat, String sender, String text) {
    return """
        {"specversion":"1.0","type":"message.received","source":"/%s/hb","id":"%s","subject":"%s:hb:%s",
         "data":{"chat":{"type":"private","id":"%s"},"sender":{"id":"%s"},"parts":[{"type":"text","text":"%s"}]}}"""
        .formatted(platform, id, platform, chat, chat, sender, text);
  }
}
