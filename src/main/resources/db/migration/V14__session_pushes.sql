-- Pushes to web chat and API sessions are history rows of role 'push'; a session's event stream resumes after the
-- last one it sent (or after a client's Last-Event-ID), so a client that was away gets each push once.
ALTER TABLE sessions ADD COLUMN pushes_seen BIGINT DEFAULT 0 NOT NULL;
