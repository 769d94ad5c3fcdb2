package io.switchboard.tool;

import io.switchboard.envelope.ConversationKey;

/** Where a call comes from: the conversation whose agent asked, its chat type, and the user who started the chain. */
public record ToolContext(ConversationKey conversation, String chatType, String userId) {}
