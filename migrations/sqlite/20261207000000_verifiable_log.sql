-- The verifiable log (docs/architecture.md#the-verifiable-log). Every version of an action and every
-- audit line becomes a leaf of an append-only Merkle tree (RFC 6962): its hash covers the row and a
-- random salt kept on the row (32 bytes: the first half is in the leaf data, the second salts the hash
-- of what residents may not see), so that once retention removes the row the hash reveals nothing.
ALTER TABLE actie_versie ADD COLUMN leaf_salt BLOB;
UPDATE actie_versie SET leaf_salt = randomblob(32);
ALTER TABLE audit ADD COLUMN leaf_salt BLOB;
UPDATE audit SET leaf_salt = randomblob(32);

-- The leaves, in the order they entered the tree. `gewist` is when retention removed the row; the
-- hash stays, so the tree and every signed checkpoint still hold.
CREATE TABLE boom_blad (
    idx INTEGER PRIMARY KEY,
    soort TEXT NOT NULL CHECK (soort IN ('actie', 'audit')),
    seq BIGINT NOT NULL,
    hash BLOB NOT NULL,
    gewist BIGINT
);
CREATE UNIQUE INDEX boom_blad_rij ON boom_blad (soort, seq);

-- Hashes of complete subtrees at every fourth level (16, 256, 4096, … leaves), for proofs.
CREATE TABLE boom_knoop (
    niveau INTEGER NOT NULL,
    idx BIGINT NOT NULL,
    hash BLOB NOT NULL,
    PRIMARY KEY (niveau, idx)
) WITHOUT ROWID;

-- Signed checkpoints (C2SP tlog-checkpoint): the tree's size and root, signed by the portal.
CREATE TABLE checkpoint (
    grootte BIGINT PRIMARY KEY,
    wortel BLOB NOT NULL,
    notitie TEXT NOT NULL,
    tijd BIGINT NOT NULL
);
