package io.switchboard.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.command.CommandContext;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.Turn;
import io.switchboard.outbound.OutboundGuard;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

class KeySceneTest {

  @Test
  void aKeySentInAGroupIsRefusedWithAWarningAndNotStored() {
    StaticMessageSource messages = new StaticMessageSource();
    messages.addMessage("key.group-refused", Locale.ENGLISH, "not saved; revoke it");
    Turn turn = new Turn(Envelopes.received(new ConversationKey("telegram", "tg", "-100"), "group", new Envelope.Sender("42", null), "key set sk-x", Map.of()));
    // the store is never reached: a null repository would fail the test if it were
    KeyScene scene = new KeyScene(null, new OutboundGuard(List.of()));
    var reply = scene.set(new CommandContext(turn, "key", "set", List.of("sk-x"), "telegram:42", false, messages));
    assertThat(reply.text()).isEqualTo("not saved; revoke it");
  }
}
