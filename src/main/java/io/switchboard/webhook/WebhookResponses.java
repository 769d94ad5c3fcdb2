package io.switchboard.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The HTTP answers of the webhook source routes: JSON, with no request header echoed back. A refused request is
 * answered with its reason; a request the converter could not make sense of is a 400 (a platform would only retry a
 * 5xx, and the same body would fail again); only a failure of the bus or the store, where a retry can succeed, is a
 * 503. Nothing was published in any of these cases.
 */
@Component("webhookResponses")
public class WebhookResponses {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(WebhookResponses.class);

  /** The event is on the bus (confirmed): 202 with its id. */
  public void accepted(Exchange exchange, String eventId) throws JsonProcessingException {
    write(exchange, 202, Map.of("accepted", true, "id", eventId));
  }

  /** Nothing was published: the status and reason of the {@link WebhookRejectedException}. */
  public void rejected(Exchange exchange) throws JsonProcessingException {
    Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    int status;
    String reason;
    if (cause instanceof WebhookRejectedException rejected) {
      status = rejected.status();
      reason = rejected.getMessage();
    } else if (transientFailure(cause)) {
      status = 503;
      reason = "temporarily unable to accept the request; retry later";
      log.warn("Webhook {} not accepted, the bus or store failed: {}", exchange.getFromRouteId(), cause == null ? "?" : cause.toString());
    } else {
      status = 400;
      reason = "malformed request";
      log.debug("Webhook {}: malformed request: {}", exchange.getFromRouteId(), cause == null ? "?" : cause.toString());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("error", reason);
    write(exchange, status, body);
  }

  /** A failure outside the request itself: the broker, a confirm, the database, an interrupted wait. */
  static boolean transientFailure(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof JsonProcessingException) {
        return false; // the body, not the infrastructure
      }
      if (t instanceof AmqpException || t instanceof DataAccessException || t instanceof TimeoutException || t instanceof InterruptedException
          || t instanceof java.io.IOException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Any JSON answer, e.g. a platform's URL-verification handshake. */
  public void respond(Exchange exchange, int status, Map<String, Object> body) throws JsonProcessingException {
    write(exchange, status, body);
  }

  private static void write(Exchange exchange, int status, Map<String, Object> body) throws JsonProcessingException {
    var message = exchange.getMessage();
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    message.setBody(JSON.writeValueAsString(body));
  }
}
