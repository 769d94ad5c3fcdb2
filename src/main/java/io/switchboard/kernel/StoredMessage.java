package io.switchboard.kernel;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/** One line of a conversation's history. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredMessage(
    long id,
    String eventId,
    String role,
    String text,
    String model,
    Integer promptTokens,
    Integer completionTokens,
    OffsetDateTime createdAt) {

  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";
  /** A tool an agent called, with its arguments (not shown to the model as history). */
  public static final String TOOL_CALL = "tool_call";
  /** What the tool returned. */
  public static final String TOOL_RESULT = "tool_result";
  /** A push to a web chat or API session (a feed item, a topic message): shown, not part of the model's history. */
  public static final String PUSH = "push";
}
