package io.switchboard.kernel;

import java.time.OffsetDateTime;

/** One conversation and who it belongs to. */
public record Session(
    String id,
    String conversationKey,
    String platform,
    String bot,
    String chatId,
    String userId,
    String agent,
    OffsetDateTime createdAt,
    OffsetDateTime historyFrom) {}
