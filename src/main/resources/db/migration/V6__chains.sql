-- Tool-calling chains: a chain is the work one user message started; each model answer that asks for tools is a
-- step, and each tool it asks for is a call. Calls are events on the bus; their results are stored here once, by
-- the call's stable id, so a chain resumes after a crash without repeating a call.
CREATE TABLE chains (
    id               VARCHAR(64)   PRIMARY KEY,           -- derived from the root event (its source and id)
    session_id       VARCHAR(64)   NOT NULL REFERENCES sessions (id),
    agent            VARCHAR(128)  NOT NULL,
    root_event       VARCHAR       NOT NULL,              -- the user's event, answered when the chain ends
    messages         VARCHAR       NOT NULL,              -- the model's conversation so far (langchain4j JSON)
    step             INTEGER       NOT NULL,              -- model answers that asked for tools
    status           VARCHAR(16)   NOT NULL,              -- RUNNING | DONE | ENDED
    prompt_tokens    INTEGER       DEFAULT 0 NOT NULL,    -- what the steps before the answer cost, metered with it
    completion_tokens INTEGER      DEFAULT 0 NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE tool_calls (
    id               VARCHAR(128)  PRIMARY KEY,           -- <chain>:<step>:<index>
    chain_id         VARCHAR(64)   NOT NULL REFERENCES chains (id),
    step             INTEGER       NOT NULL,
    position         INTEGER       NOT NULL,
    request_id       VARCHAR(256)  NOT NULL,              -- the model's id of the call
    tool             VARCHAR(256)  NOT NULL,
    arguments        VARCHAR       NOT NULL,
    result           VARCHAR,
    failed           BOOLEAN,
    duration_ms      BIGINT,
    requested_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX tool_calls_by_step ON tool_calls (chain_id, step, position);
