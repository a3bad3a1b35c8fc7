-- Residents' requests: a question, or an entry they do not recognise.
-- The message is sealed (it may hold personal data); the deadline is
-- the statutory month from receipt.
CREATE TABLE verzoek (
    id TEXT PRIMARY KEY,
    zaaknummer TEXT NOT NULL UNIQUE,
    pseudonym BLOB NOT NULL,
    soort TEXT NOT NULL,
    actie_id TEXT,
    bericht_sealed BLOB NOT NULL,
    status TEXT NOT NULL,
    ontvangen BIGINT NOT NULL,
    termijn BIGINT NOT NULL
);
CREATE INDEX verzoek_persoon ON verzoek (pseudonym, ontvangen DESC);
