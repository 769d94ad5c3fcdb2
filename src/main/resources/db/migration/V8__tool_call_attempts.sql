-- How often a tool call was started: a call whose instance died mid-run is started once more, never a third time.
ALTER TABLE tool_calls ADD COLUMN attempts INT NOT NULL DEFAULT 0;
