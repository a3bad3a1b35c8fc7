-- The register of processing activities (GDPR art. 30), versioned by
-- valid-from: an edit adds a version, nothing is overwritten.

CREATE TABLE organisatie (
    oin TEXT PRIMARY KEY,
    naam TEXT NOT NULL
);

CREATE TABLE afdeling (
    code TEXT PRIMARY KEY,
    naam TEXT NOT NULL,
    naam_en TEXT NOT NULL,
    organisatie TEXT NOT NULL REFERENCES organisatie (oin)
);

CREATE TABLE activiteit_versie (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,                 -- the verwerkingsactiviteitId log entries name
    geldig_vanaf BIGINT NOT NULL,     -- microseconds since 1970 UTC
    actief BOOLEAN NOT NULL,
    inhoud TEXT NOT NULL,             -- the activity as JSON (register::Activity)
    gewijzigd_door TEXT NOT NULL,
    geregistreerd BIGINT NOT NULL
);
CREATE INDEX activiteit_versie_id ON activiteit_versie (id, geldig_vanaf, seq);
