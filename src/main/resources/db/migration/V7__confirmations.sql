-- Tool calls that wait for a human: the user who started the chain (or an admin) confirms or cancels one by its
-- short id, from any instance; past its expiry the chain ends with a notice.
CREATE TABLE confirmations (
    id               VARCHAR(16)   PRIMARY KEY,
    call_id          VARCHAR(128)  NOT NULL UNIQUE REFERENCES tool_calls (id),
    chain_id         VARCHAR(64)   NOT NULL REFERENCES chains (id),
    conversation_key VARCHAR(512)  NOT NULL,
    user_key         VARCHAR(320),
    tool             VARCHAR(256)  NOT NULL,
    arguments        VARCHAR       NOT NULL,
    request_event    VARCHAR       NOT NULL,              -- the tool.call.requested event, published once confirmed
    status           VARCHAR(16)   NOT NULL,              -- PENDING | CONFIRMED | CANCELLED | EXPIRED
    decided_by       VARCHAR(320),
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX confirmations_pending ON confirmations (status, expires_at);
