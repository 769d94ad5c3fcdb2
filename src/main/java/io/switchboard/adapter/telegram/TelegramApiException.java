package io.switchboard.adapter.telegram;

import java.time.Duration;

/** A Bot API call answered {@code ok:false}: its error code, description and, for 429, the retry_after. */
public class TelegramApiException extends RuntimeException {

  private final int errorCode;
  private final transient Duration retryAfter;

  public TelegramApiException(int errorCode, String description, Duration retryAfter) {
    super("Telegram answered " + errorCode + ": " + description);
    this.errorCode = errorCode;
    this.retryAfter = retryAfter;
  }

  public int errorCode() {
    return errorCode;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** 429 (flood control) and 5xx may succeed later; other errors (chat not found, bot blocked) will not. */
  public boolean transientFailure() {
    return errorCode == 429 || errorCode >= 500;
  }
}
