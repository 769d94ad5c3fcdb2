package io.switchboard.pipeline;

import io.switchboard.envelope.Envelope;
import org.springframework.stereotype.Component;

/**
 * Pipeline stage: whether the bot answers at all. Private chats always; in a group, only a message the adapter marked
 * as addressed to the bot ({@code meta.addressed}: an @mention of it, a reply to it). Events without that mark (the API,
 * the web chat, external producers) are answered.
 */
@Component("respondRules")
public class RespondRules {

  public static final String META_ADDRESSED = "addressed";

  public boolean shouldAnswer(Envelope event) {
    boolean group = event.data() != null && event.data().chat() != null && Envelope.Chat.GROUP.equals(event.data().chat().type());
    return !group || !Boolean.FALSE.equals(event.meta(META_ADDRESSED));
  }
}
