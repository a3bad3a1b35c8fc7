-- The processing log (VNG Verwerkingenlogging), append-only (rule B3891):
-- every create, PUT, PATCH and DELETE adds a row to actie_versie; nothing is
-- updated or deleted. The current version of an action is its highest seq.

CREATE TABLE api_client (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    organisation TEXT NOT NULL,
    scopes TEXT NOT NULL,
    token_hash BYTEA NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE actie_versie (
    seq BIGSERIAL PRIMARY KEY,
    actie_id TEXT NOT NULL,
    wijziging TEXT NOT NULL,          -- create | update | patch | delete
    vervallen BOOLEAN NOT NULL,
    client_id TEXT NOT NULL,
    registratie_utc BIGINT NOT NULL,  -- tijdstipRegistratie, microseconds since 1970 UTC
    tijdstip TEXT NOT NULL,           -- as sent, with its offset
    tijdstip_utc BIGINT NOT NULL,
    vertrouwelijkheid TEXT NOT NULL,
    bewaartermijn TEXT,
    actie_naam TEXT,
    handeling_naam TEXT,
    verwerking_naam TEXT,
    verwerking_id TEXT,
    verwerkingsactiviteit_id TEXT,
    verwerkingsactiviteit_url TEXT,
    uitvoerder TEXT,
    systeem TEXT,
    gebruiker TEXT,
    gegevensbron TEXT,
    soort_afnemer_id TEXT,
    afnemer_id TEXT,                  -- an OIN; a person's id is only kept sealed
    afnemer_id_sealed BYTEA,
    verwerkingsactiviteit_id_afnemer TEXT,
    verwerkingsactiviteit_url_afnemer TEXT,
    verwerking_id_afnemer TEXT
);
CREATE INDEX actie_versie_actie ON actie_versie (actie_id, seq);
CREATE INDEX actie_versie_verwerking ON actie_versie (verwerking_id) WHERE verwerking_id IS NOT NULL;

-- The persons in one version of an action, found by pseudonym. The index
-- leads with the pseudonym so a resident's page never reads other people's rows.
CREATE TABLE verwerkt_object (
    seq BIGINT NOT NULL REFERENCES actie_versie (seq),
    verwerkt_object_id TEXT NOT NULL,
    pseudonym BYTEA NOT NULL,
    objecttype TEXT NOT NULL,
    soort_object_id TEXT NOT NULL,
    object_id_sealed BYTEA NOT NULL,
    betrokkenheid TEXT,
    soorten_gegevens TEXT NOT NULL,   -- JSON array of strings
    tijdstip_utc BIGINT NOT NULL,
    PRIMARY KEY (seq, verwerkt_object_id)
);
CREATE INDEX verwerkt_object_persoon ON verwerkt_object (pseudonym, tijdstip_utc DESC, seq DESC);
CREATE INDEX verwerkt_object_id ON verwerkt_object (verwerkt_object_id);

-- A retried request with the same Idempotency-Key gets the first answer.
-- Only hashes and the resulting actieId are kept, never the request body.
CREATE TABLE idempotency (
    client_id TEXT NOT NULL,
    key_hash BYTEA NOT NULL,
    request_hash BYTEA NOT NULL,
    actie_id TEXT NOT NULL,
    created_utc BIGINT NOT NULL,
    PRIMARY KEY (client_id, key_hash)
);
