-- The conversation an external agent service (Dify, Coze) keeps for a Switchboard conversation: its id there, and when
-- it began, so that a /reset after that begins a new one. Shared by every instance.
CREATE TABLE external_conversations (
    session_id       VARCHAR(64)   NOT NULL REFERENCES sessions (id),
    agent            VARCHAR(128)  NOT NULL,
    external_id      VARCHAR(256)  NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (session_id, agent)
);
