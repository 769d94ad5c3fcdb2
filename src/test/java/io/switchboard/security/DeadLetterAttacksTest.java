package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.testing.RawAmqp;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** Dead letters hold users' messages: only the operator lists and replays them, and a replay happens once. */
class DeadLetterAttacksTest extends SecurityTestContext {

  @Autowired ConnectionFactory connectionFactory;

  @Test
  void onlyTheOperatorListsOrReplaysDeadLettersAndEachOnce() throws Exception {
    String marker = "dead-" + tag();
    String longText = marker + " " + "x".repeat(2000);
    RawAmqp.publish(connectionFactory, "sb.ingress", "message.received.ext.dl",
        "{\"specversion\":\"1.0\",\"type\":\"message.received\",\"source\":\"/ext\",\"id\":\"" + marker + "\",\"subject\":\"ext:dl:c\","
            + "\"data\":{\"chat\":{\"type\":\"private\",\"id\":\"other\"},\"parts\":[{\"type\":\"text\",\"text\":\"" + longText + "\"}]}}");
    JsonNode letter = await().atMost(Duration.ofSeconds(30)).until(() -> api.deadLetterFor(marker), l -> l != null);
    String id = letter.path("id").asText();

    // nobody else: no credentials, a user's key, a producer's token
    for (String authorization : new String[] {null, "Bearer " + api.keyOf("snoop"),
        "Bearer " + applicationContext.getBean(io.switchboard.producer.ApiTokens.class).create("snoop-" + tag(), java.util.List.of("*")).plaintext()}) {
      HttpRequest.Builder list = HttpRequest.newBuilder(api.uri("/api/v1/dead-letters")).GET();
      HttpRequest.Builder replay = HttpRequest.newBuilder(api.uri("/api/v1/dead-letters/" + id + "/replay")).POST(HttpRequest.BodyPublishers.noBody());
      if (authorization != null) {
        list.header("Authorization", authorization);
        replay.header("Authorization", authorization);
      }
      assertThat(api.raw(list).statusCode()).isIn(401, 403);
      assertThat(api.raw(replay).statusCode()).isIn(401, 403);
    }

    // the operator's listing cuts bodies short; the letter itself is whole
    assertThat(letter.path("body").asText().length()).isLessThanOrEqualTo(513);
    assertThat(api.get("/api/v1/dead-letters/" + id).body().path("body").asText()).contains(longText);

    // replayed once; again only with force
    assertThat(api.post("/api/v1/dead-letters/" + id + "/replay", Map.of()).status()).isEqualTo(202);
    var twice = api.post("/api/v1/dead-letters/" + id + "/replay", Map.of());
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.body().path("error").asText()).contains("force=true");
    assertThat(api.post("/api/v1/dead-letters/" + id + "/replay?force=true", Map.of()).status()).isEqualTo(202);
    assertThat(api.post("/api/v1/dead-letters/no-such-letter/replay", Map.of()).status()).isEqualTo(404);
    stillHealthy();
  }
}
