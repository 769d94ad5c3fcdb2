package io.switchboard.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The HTTP answers of the webhook source routes: JSON, with no request header echoed back. */
@Component("webhookResponses")
public class WebhookResponses {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The event is on the bus (confirmed): 202 with its id. */
  public void accepted(Exchange exchange, String eventId) throws JsonProcessingException {
    write(exchange, 202, Map.of("accepted", true, "id", eventId));
  }

  /** Nothing was published: the status and reason of the {@link WebhookRejectedException}. */
  public void rejected(Exchange exchange) throws JsonProcessingException {
    Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    int status = cause instanceof WebhookRejectedException rejected ? rejected.status() : 500;
    String reason = cause instanceof WebhookRejectedException ? cause.getMessage() : "internal error; retry later";
    write(exchange, status, Map.of("status", status, "error", reason));
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
