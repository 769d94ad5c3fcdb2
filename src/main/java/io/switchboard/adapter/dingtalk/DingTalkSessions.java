package io.switchboard.adapter.dingtalk;

import io.switchboard.bot.BotState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a reply to a DingTalk conversation needs from the callback that started it: the conversation's session webhook
 * (valid about 90 minutes) and who to address when it has expired. Kept in bot_state, so any instance can send it.
 */
@Component
public class DingTalkSessions {

  /** The reply route of one conversation. */
  public record Session(String webhook, Instant expires, boolean group, String userId) {
    public boolean webhookValid(Instant now) {
      return webhook != null && !webhook.isBlank() && now.isBefore(expires.minusSeconds(30));
    }
  }

  private final BotState state;

  public DingTalkSessions(BotState state) {
    this.state = state;
  }

  public void remember(String botId, String conversationId, Session session) {
    state.put(botId, key(conversationId), String.join("\t", session.webhook(), String.valueOf(session.expires().toEpochMilli()),
        String.valueOf(session.group()), session.userId()));
  }

  public Optional<Session> find(String botId, String conversationId) {
    return state.get(botId, key(conversationId)).map(value -> {
      String[] parts = value.split("\t", -1);
      return new Session(parts[0], Instant.ofEpochMilli(Long.parseLong(parts[1])), Boolean.parseBoolean(parts[2]), parts[3]);
    });
  }

  /** State keys are short; conversation ids are not always: a digest names them. */
  private static String key(String conversationId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(conversationId.getBytes(StandardCharsets.UTF_8));
      return "dt." + HexFormat.of().formatHex(digest, 0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
