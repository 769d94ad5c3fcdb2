-- Answers of agents that opted in to a call cache (switchboard.agents.<name>.cache): by a hash of everything the
-- model was asked (agent, models, temperature, the messages with the history), shared by every instance.
CREATE TABLE model_cache (
    cache_key        VARCHAR(64)   PRIMARY KEY,
    agent            VARCHAR(128)  NOT NULL,
    answer           VARCHAR       NOT NULL,
    model            VARCHAR(256),
    stored_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX model_cache_by_agent ON model_cache (agent, stored_at);
