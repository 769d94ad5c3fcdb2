package io.switchboard.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.MetaKeys;
import io.switchboard.kernel.StageOutcome;
import io.switchboard.kernel.Turn;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The group-event stage against a real Camel context with the operator's routes. */
class GroupEventsTest {

  final DefaultCamelContext camel = new DefaultCamelContext();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  GroupEvents stage;

  @BeforeEach
  void routes() throws Exception {
    camel.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("direct:group.member_joined").routeId("welcome")
            .setBody(simple("Welcome, ${body}! (${header.SwitchboardActor} added you to ${header.SwitchboardConversation})"));
        from("direct:group.member_left").routeId("farewell").autoStartup(false).setBody(constant("Bye"));
        from("direct:group.bot_added").routeId("silent").setBody(constant(" "));
        from("direct:group.bot_removed").routeId("broken").throwException(new IllegalStateException("no such template"));
      }
    });
    camel.start();
    stage = new GroupEvents(camel, camel.createProducerTemplate(), meters);
  }

  @AfterEach
  void stop() {
    camel.stop();
  }

  @Test
  void aStartedRoutesAnswerIsSaidInTheGroupAsAMessageOfItsOwnAndNotRecorded() throws Exception {
    Turn turn = stage.route(Turn.of(event(Envelope.GROUP_MEMBER_JOINED)));
    assertThat(turn.outcome()).isEqualTo(StageOutcome.ANSWERED);
    assertThat(turn.replyText()).isEqualTo("Welcome, Bo! (42 added you to telegram:tg:-100)");
    assertThat(turn.replyMeta()).containsEntry(MetaKeys.STANDALONE, true);
    assertThat(turn.recorded()).isFalse();
    assertThat(meters.counter("switchboard.group.events", "type", Envelope.GROUP_MEMBER_JOINED, "outcome", "answered").count()).isEqualTo(1);
  }

  @Test
  void withoutAStartedRouteOrWithABlankAnswerTheEventIsDropped() throws Exception {
    assertThat(stage.route(Turn.of(event(Envelope.GROUP_MEMBER_LEFT))).outcome()).isEqualTo(StageOutcome.DROPPED); // autoStartup: false
    assertThat(stage.route(Turn.of(event(Envelope.GROUP_BOT_ADDED))).outcome()).isEqualTo(StageOutcome.DROPPED);
    assertThat(meters.counter("switchboard.group.events", "type", Envelope.GROUP_MEMBER_LEFT, "outcome", "unrouted").count()).isEqualTo(1);
  }

  @Test
  void aFailingRouteFailsTheTurnSoThatItIsRetriedAndDeadLettered() {
    assertThatThrownBy(() -> stage.route(Turn.of(event(Envelope.GROUP_BOT_REMOVED)))).hasMessage("no such template");
  }

  @Test
  void anyOtherEventGoesOnUntouched() throws Exception {
    Turn message = Turn.of(Envelopes.received(new ConversationKey("telegram", "tg", "-100"), "group", new Envelope.Sender("2", "Bo"), "hi", Map.of()));
    assertThat(stage.route(message).outcome()).isEqualTo(StageOutcome.CONTINUE);
  }

  private static Envelope event(String type) {
    return Envelopes.groupEvent(new ConversationKey("telegram", "tg", "-100"), type, "-100:7:" + type, OffsetDateTime.now(),
        new Envelope.Sender("2", "Bo"), Envelopes.mention("2", "Bo"), "42");
  }
}
