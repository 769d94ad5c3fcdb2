package io.switchboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.MetaKeys;
import io.switchboard.kernel.Turn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RespondRulesTest {

  static Envelope group(String bot, String text, Boolean addressed) {
    Map<String, Object> meta = addressed == null ? Map.of() : Map.of(MetaKeys.ADDRESSED, addressed);
    return Envelopes.received(new ConversationKey("telegram", bot, "-100"), "group", new Envelope.Sender("7", null), text, meta);
  }

  static RespondRules rules(RespondRules.Settings settings, double draw) {
    return new RespondRules(settings, () -> draw);
  }

  final RespondRules.Settings mentionOnly = new RespondRules.Settings(true, List.of(), List.of(), 0.0, Map.of());

  @Test
  void privateChatsAreAlwaysAnswered() {
    Envelope direct = Envelopes.received(new ConversationKey("telegram", "tg", "7"), "private", new Envelope.Sender("7", null), "hi", Map.of());
    assertThat(rules(new RespondRules.Settings(false, List.of(), List.of(), 0.0, Map.of()), 0.99).shouldAnswer(direct)).isTrue();
  }

  @Test
  void inAGroupAMentionIsAnsweredAndChatterIsNot() {
    assertThat(rules(mentionOnly, 0.5).shouldAnswer(group("tg", "@bot hi", true))).isTrue();
    assertThat(rules(mentionOnly, 0.5).shouldAnswer(group("tg", "chatter", false))).isFalse();
    // a producer's group event without the adapter's mark counts as addressed
    assertThat(rules(mentionOnly, 0.5).shouldAnswer(group("tg", "from a producer", null))).isTrue();
  }

  @Test
  void prefixesRegexesAndARandomDrawAnswerUnmentionedMessages() {
    RespondRules.Settings settings = new RespondRules.Settings(true, List.of("bot,"), List.of("(?i)\\bweather\\b"), 0.1, Map.of());
    assertThat(rules(settings, 0.5).shouldAnswer(group("tg", "bot, what time is it", false))).isTrue();
    assertThat(rules(settings, 0.5).shouldAnswer(group("tg", "how is the Weather today", false))).isTrue();
    assertThat(rules(settings, 0.05).shouldAnswer(group("tg", "random chatter", false))).isTrue();
    assertThat(rules(settings, 0.5).shouldAnswer(group("tg", "random chatter", false))).isFalse();
  }

  @Test
  void aBotsOwnRulesOverrideTheDefaults() {
    RespondRules.Settings settings = new RespondRules.Settings(true, List.of(), List.of(), 0.0,
        Map.of("quiet", new RespondRules.Rules(false, List.of("!ask"), List.of(), null)));
    assertThat(rules(settings, 0.5).shouldAnswer(group("quiet", "@bot hi", true))).isFalse();
    assertThat(rules(settings, 0.5).shouldAnswer(group("quiet", "!ask hi", false))).isTrue();
    assertThat(rules(settings, 0.5).shouldAnswer(group("loud", "@bot hi", true))).isTrue();
  }

  @Test
  void aChainsOwnEventsInAGroupGoOnWhateverTheRules() {
    RespondRules prefixOnly = rules(new RespondRules.Settings(false, List.of("!ask"), List.of(), 0.0, Map.of()), 0.5);
    for (String type : List.of(Envelope.TOOL_CALL_COMPLETED, Envelope.AGENT_QUESTION)) {
      Envelope own = as(type, group("tg", "a tool result or another agent's question", false));
      assertThat(prefixOnly.admit(Turn.of(own)).dropped()).isFalse();
      // a producer's event of that type is an ordinary message, held to the rules
      assertThat(prefixOnly.admit(Turn.of(Envelopes.stampedByProducer(own, "mallory"))).dropped()).isTrue();
    }
  }

  private static Envelope as(String type, Envelope event) {
    return new Envelope(event.specversion(), type, event.source(), event.id(), event.time(), event.subject(), event.datacontenttype(), event.data());
  }
}
