-- The second factor of local staff accounts: the TOTP secret, sealed under
-- the account id, and recovery codes kept as hashes, each usable once.
ALTER TABLE medewerker ADD COLUMN totp_sealed BLOB;
-- The last time step whose code was accepted: a code counts once (RFC 6238 §5.2).
ALTER TABLE medewerker ADD COLUMN totp_stap BIGINT;

CREATE TABLE herstelcode (
    medewerker_id TEXT NOT NULL REFERENCES medewerker (id),
    code_hash BLOB NOT NULL,
    gebruikt BIGINT,
    PRIMARY KEY (medewerker_id, code_hash)
);
