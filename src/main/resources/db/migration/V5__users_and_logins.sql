-- Trust boundaries: API users with their keys, and the web chat's one-time login links.

-- An API user: the key (sbk_…) is random, only its SHA-256 is kept, shown once at creation or rotation. Names stay
-- taken after a revocation, so that the sessions a name owns never pass to somebody else.
CREATE TABLE api_users (
    name        VARCHAR(64)  PRIMARY KEY,
    key_hash    VARCHAR(64)  NOT NULL UNIQUE,
    admin       BOOLEAN      DEFAULT FALSE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE
);

-- A login link (/?token=sbl_…) for the web chat: used once, within its validity, then a session cookie carries on.
CREATE TABLE web_logins (
    token_hash  VARCHAR(64)  PRIMARY KEY,
    user_name   VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);

-- A dead letter another AMQP producer published keeps that producer: a replay stamps it again, never as Switchboard's.
ALTER TABLE dead_letters ADD COLUMN producer VARCHAR(256);
