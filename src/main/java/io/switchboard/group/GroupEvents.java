package io.switchboard.group;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.MetaKeys;
import io.switchboard.kernel.Turn;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.springframework.stereotype.Component;

/**
 * Pipeline stage: a group event is not a prompt. It goes to the started route consuming {@code direct:<type>}
 * ({@code direct:group.member_joined}, ...; routes/group-events.camel.yaml ships a welcome, not started), which gets
 * the member's name as its body and the event in headers; a body it returns that is not blank is said in the group.
 * Without such a route, or with a blank answer, the event is dropped. Nothing of it enters the conversation's history.
 */
@Component("groupEvents")
public class GroupEvents {

  /** Headers the route gets (the body is the member's name, or their id). */
  public static final String EVENT_HEADER = "SwitchboardGroupEvent";
  public static final String MEMBER_HEADER = "SwitchboardMember";
  public static final String ACTOR_HEADER = "SwitchboardActor";
  public static final String CONVERSATION_HEADER = "SwitchboardConversation";
  public static final String BOT_HEADER = "SwitchboardBot";

  private final CamelContext camel;
  private final ProducerTemplate producer;
  private final MeterRegistry meters;

  public GroupEvents(CamelContext camel, ProducerTemplate producer, MeterRegistry meters) {
    this.camel = camel;
    this.producer = producer;
    this.meters = meters;
  }

  public Turn route(Turn turn) throws Exception {
    if (!turn.groupEvent()) {
      return turn;
    }
    Envelope event = turn.event();
    Optional<String> endpoint = startedRouteFor(event.type());
    if (endpoint.isEmpty()) {
      count(event, "unrouted");
      turn.drop();
      return turn;
    }
    Envelope.Sender member = event.data().sender();
    Exchange answer = producer.request(endpoint.get(), exchange -> {
      exchange.getMessage().setBody(member == null ? "" : member.name() != null && !member.name().isBlank() ? member.name() : member.id());
      exchange.getMessage().setHeaders(Map.of(
          EVENT_HEADER, event.type(),
          MEMBER_HEADER, member == null ? "" : member.id(),
          ACTOR_HEADER, String.valueOf(event.meta(Envelopes.META_ACTOR) == null ? "" : event.meta(Envelopes.META_ACTOR)),
          CONVERSATION_HEADER, event.subject(),
          BOT_HEADER, event.conversation().bot()));
    });
    if (answer.getException() != null) {
      throw answer.getException(); // retried, then dead-lettered with the reason
    }
    String text = answer.getMessage().getBody(String.class);
    count(event, text == null || text.isBlank() ? "silent" : "answered");
    if (text == null || text.isBlank()) {
      turn.drop();
    } else {
      turn.reply(text);
      turn.replyMeta().put(MetaKeys.STANDALONE, true); // there is no message to reply to
      turn.doNotRecord();
    }
    return turn;
  }

  /** The endpoint of a started route for the event type: a stopped one (autoStartup: false) does not count. */
  private Optional<String> startedRouteFor(String type) {
    String uri = "direct://" + type;
    for (Route route : camel.getRoutes()) {
      if (uri.equals(route.getEndpoint().getEndpointUri()) && camel.getRouteController().getRouteStatus(route.getRouteId()).isStarted()) {
        return Optional.of("direct:" + type);
      }
    }
    return Optional.empty();
  }

  private void count(Envelope event, String outcome) {
    meters.counter("switchboard.group.events", "type", event.type(), "outcome", outcome).increment();
  }
}
