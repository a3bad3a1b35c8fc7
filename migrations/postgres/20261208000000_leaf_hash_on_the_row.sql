-- The leaf hash of a version, computed by the writer as it stores the row (src/store/leaf.rs), so
-- the verifiable log grows by reading (seq, leaf_hash) instead of whole rows. Empty for rows stored
-- before: the tree hashes those itself. `inzage verify` never trusts this column.
ALTER TABLE actie_versie ADD COLUMN leaf_hash BYTEA;
