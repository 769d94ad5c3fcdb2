-- A direct chain is one call a user's command asked for (/run), with no model around it: its result is the answer.
ALTER TABLE chains ADD COLUMN direct BOOLEAN DEFAULT FALSE NOT NULL;
-- The files a call produced (a sandbox run's outputs), as JSON: [{name, mimeType, sha256, size}]; their bytes are in
-- stored_files.
ALTER TABLE tool_calls ADD COLUMN files VARCHAR;

-- Files Switchboard serves by signed link (GET /files/<sha256>/<name>): stored once by content hash, in the database
-- every instance shares, removed after switchboard.files.retention.
CREATE TABLE stored_files (
    sha256           VARCHAR(64)   PRIMARY KEY,
    size_bytes       BIGINT        NOT NULL,
    content          BYTEA         NOT NULL,
    stored_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX stored_files_by_age ON stored_files (stored_at);
