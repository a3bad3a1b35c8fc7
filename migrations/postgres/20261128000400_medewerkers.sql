-- Staff: local accounts (argon2 hash) or accounts met through the staff
-- OpenID Connect provider (no hash). Roles: clerk, privacy_officer, admin.
CREATE TABLE medewerker (
    id TEXT PRIMARY KEY,
    naam TEXT NOT NULL UNIQUE,
    weergavenaam TEXT NOT NULL,
    rol TEXT NOT NULL,
    wachtwoord_hash TEXT,
    actief BOOLEAN NOT NULL,
    aangemaakt BIGINT NOT NULL
);

-- Every staff action, in order; never updated or deleted. A person is named
-- by request number or pseudonym, never by BSN.
CREATE TABLE audit (
    seq BIGSERIAL PRIMARY KEY,
    tijd BIGINT NOT NULL,
    medewerker TEXT NOT NULL,
    rol TEXT NOT NULL,
    actie TEXT NOT NULL,
    onderwerp TEXT,
    details TEXT
);
CREATE INDEX audit_onderwerp ON audit (onderwerp, seq);

-- A request's handling: assignment and history. Texts are sealed under
-- the request id; only events marked zichtbaar are shown to the resident.
ALTER TABLE verzoek ADD COLUMN behandelaar TEXT;
ALTER TABLE verzoek ADD COLUMN verlengd BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX verzoek_termijn ON verzoek (status, termijn);

CREATE TABLE verzoek_gebeurtenis (
    seq BIGSERIAL PRIMARY KEY,
    verzoek_id TEXT NOT NULL REFERENCES verzoek (id),
    tijd BIGINT NOT NULL,
    door TEXT NOT NULL,
    soort TEXT NOT NULL,
    zichtbaar BOOLEAN NOT NULL,
    tekst_sealed BYTEA
);
CREATE INDEX verzoek_gebeurtenis_verzoek ON verzoek_gebeurtenis (verzoek_id, seq);
