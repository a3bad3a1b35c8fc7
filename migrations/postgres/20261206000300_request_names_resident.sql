-- The resident a request is from, for the privacy officer's queue: their BSN sealed under the
-- encryption key and bound to their pseudonym, as their session keeps it. Requests filed before
-- this have none.
ALTER TABLE verzoek ADD COLUMN bsn_sealed BYTEA;
