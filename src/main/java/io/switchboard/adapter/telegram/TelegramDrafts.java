package io.switchboard.adapter.telegram;

import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Telegram's way of showing an answer as it is written: {@code sendMessageDraft} in a private chat, the draft
 * updated in place (one draft id per answer), at most one update per chat per {@code switchboard.telegram.draft-interval};
 * the finished answer is then sent as a message, which keeps it. Drafts are for private chats only (groups' answers
 * are edited in place). A 429 pauses the chat's drafts for its {@code retry_after}; any other failure skips that update.
 */
@Component
class TelegramDrafts {

  private final TelegramApi api;
  private final Duration interval;
  private final Clock clock;
  /** Per chat ({@code <bot>:<chat>}): when its next draft may go. */
  private final Map<String, Instant> nextAllowed = new ConcurrentHashMap<>();

  @Autowired
  TelegramDrafts(TelegramApi api, @Value("${switchboard.telegram.draft-interval:1s}") Duration interval) {
    this(api, interval, Clock.systemUTC());
  }

  TelegramDrafts(TelegramApi api, Duration interval, Clock clock) {
    this.api = api;
    this.interval = interval;
    this.clock = clock;
  }

  void show(Envelope partial) throws IOException, InterruptedException {
    if (partial.text().isBlank()) {
      return;
    }
    String chat = partial.conversation().bot() + ":" + partial.conversation().chatId();
    Instant now = clock.instant();
    Instant allowed = nextAllowed.get(chat);
    if (allowed != null && now.isBefore(allowed)) {
      return; // too soon: the next partial carries this text too
    }
    nextAllowed.put(chat, now.plus(interval));
    String text = TelegramText.split(partial.text(), TelegramText.SPLIT_AT).get(0); // the draft shows the first message's worth
    try {
      api.call(partial.conversation().bot(), "sendMessageDraft", Map.of("chat_id", partial.conversation().chatId(),
          "draft_id", draftId(String.valueOf(partial.meta(Envelopes.META_STREAM))), "text", TelegramText.html(text), "parse_mode", "HTML"));
    } catch (TelegramApiException e) {
      if (e.retryAfter() != null) {
        nextAllowed.put(chat, now.plus(e.retryAfter())); // flood control: no drafts to this chat until Telegram says
      }
      throw e;
    }
  }

  /** A non-zero draft id, the same for every update of one answer (so Telegram animates the change). */
  static int draftId(String stream) {
    int id = stream.hashCode() & 0x7fffffff;
    return id == 0 ? 1 : id;
  }
}
