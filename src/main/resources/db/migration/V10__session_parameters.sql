-- A conversation's own parameters for its agent (/set temperature 0.2): they hold across restarts and instances.
CREATE TABLE session_parameters (
    session_id       VARCHAR(64)   NOT NULL REFERENCES sessions (id),
    parameter        VARCHAR(64)   NOT NULL,
    setting          VARCHAR(4000) NOT NULL,
    set_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (session_id, parameter)
);
