-- Small durable state of a bot's connection, e.g. Telegram's getUpdates offset, so a restart neither loses nor
-- re-reads updates.
CREATE TABLE bot_state (
    bot_id     VARCHAR(64)  NOT NULL,
    state_key  VARCHAR(64)  NOT NULL,
    state_value VARCHAR(1024) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (bot_id, state_key)
);
