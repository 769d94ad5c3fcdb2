-- An answer shown as it is written by editing one platform message (Telegram groups, Slack): the message its first
-- partial posted, so that later partials and the reply edit it, whichever instance carries the bot's egress next.
-- The row goes when the reply has edited the message; one left by a stream that never ended is purged after a day.
CREATE TABLE streamed_messages (
    stream_id        VARCHAR(256)  PRIMARY KEY,
    bot_id           VARCHAR(128)  NOT NULL,
    message_id       VARCHAR(256)  NOT NULL,
    last_sequence    BIGINT        NOT NULL,
    shown_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX streamed_messages_by_age ON streamed_messages (shown_at);
