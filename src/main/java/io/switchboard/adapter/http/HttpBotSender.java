package io.switchboard.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bot.Bots;
import io.switchboard.egress.EgressDelivery;
import io.switchboard.egress.OutgoingReply;
import io.switchboard.egress.PermanentDeliveryException;
import io.switchboard.egress.PlatformSender;
import io.switchboard.egress.TransientDeliveryException;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The HTTP bot's sink: POSTs a reply to the bot's callback URL, signed like inbound requests, with the reply id as
 * {@code Idempotency-Key}. 2xx is delivered; 429 and 5xx and network errors are retried (429 after its
 * {@code Retry-After}); any other 4xx is permanent.
 */
@Component("httpBotSender")
public class HttpBotSender implements PlatformSender {

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Bots bots;
  private final EgressDelivery delivery;
  private final Clock clock = Clock.systemUTC();

  public HttpBotSender(Bots bots, EgressDelivery delivery) {
    this.bots = bots;
    this.delivery = delivery;
  }

  @Override
  public String adapter() {
    return "http";
  }

  @Override
  public void send(OutgoingReply outgoing) throws JsonProcessingException, InterruptedException {
    Envelope reply = outgoing.reply();
    Bots.ConfiguredBot bot = bots.get(reply.conversation().bot());
    String body = json.writeValueAsString(callbackBody(reply));
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(bot.get("callback-url")))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header(HttpSignature.TIMESTAMP_HEADER, timestamp)
            .header(HttpSignature.SIGNATURE_HEADER, HttpSignature.sign(bot.get("secret"), timestamp, body))
            .header(HttpBotInbound.IDEMPOTENCY_HEADER, reply.id())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    long started = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TransientDeliveryException("callback unreachable: " + e, e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      delivery.sent("http", System.nanoTime() - started);
      return;
    }
    String detail = "callback answered " + status + ": " + abbreviate(response.body());
    if (status == 429 || status >= 500) {
      throw new TransientDeliveryException(detail, retryAfter(response));
    }
    throw new PermanentDeliveryException(detail);
  }

  static Map<String, Object> callbackBody(Envelope reply) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", reply.id());
    body.put("inReplyTo", reply.meta(Envelopes.META_IN_REPLY_TO));
    body.put("chat", reply.conversation().chatId());
    body.put("text", reply.text());
    body.put("parts", reply.data().parts());
    if (Boolean.TRUE.equals(reply.meta("error"))) {
      body.put("error", true);
    }
    return body;
  }

  /** {@code Retry-After} in seconds (the HTTP-date form is rare for APIs; it gets the default backoff). */
  static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .filter(v -> v.strip().matches("\\d{1,5}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v.strip())))
        .orElse(null);
  }

  private static String abbreviate(String text) {
    String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    return oneLine.length() > 300 ? oneLine.substring(0, 297) + "..." : oneLine;
  }
}
