-- Foundation: a record of the running installation. Feature tables follow
-- in their own migrations; sessions are created by tower-sessions-sqlx-store.
CREATE TABLE installation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    created_at TEXT NOT NULL
);
INSERT INTO installation (id, created_at) VALUES (1, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
