-- Login attempts per account name and per client address, counted in the
-- database so that parallel guesses, and several app servers, share one
-- count. Keys are hashes: a mistyped name can be anything, a BSN included.
CREATE TABLE login_poging (
    sleutel TEXT PRIMARY KEY,
    aantal BIGINT NOT NULL,
    sinds BIGINT NOT NULL
);

-- The audit trail names the account by its stable id as well as by its
-- display name, which can change.
ALTER TABLE audit ADD COLUMN account TEXT;
