-- Ingest speed (issue 3): person rows are stored in arrival order, found through a narrow index.
-- Clustered on (pseudonym, time), every commit of a bulk ingest wrote one random page of this,
-- the widest table, per row; the narrow index keeps those random writes small. A resident's page
-- still searches the index by pseudonym and time, then reads its own rows by rowid: it never
-- scans other residents' rows. Same columns as before, so every query stays as it was.
CREATE TABLE verwerkt_object_in_volgorde (
    pseudonym BLOB NOT NULL,
    tijdstip_utc BIGINT NOT NULL,
    seq BIGINT NOT NULL REFERENCES actie_versie (seq),
    verwerkt_object_id TEXT NOT NULL,
    zichtbaar BOOLEAN NOT NULL,
    verwerkingsactiviteit_id TEXT,
    objecttype TEXT NOT NULL,
    soort_object_id TEXT NOT NULL,
    object_id_sealed BLOB NOT NULL,
    betrokkenheid TEXT,
    soorten_gegevens TEXT NOT NULL   -- JSON array of strings
);

INSERT INTO verwerkt_object_in_volgorde (pseudonym, tijdstip_utc, seq, verwerkt_object_id, zichtbaar,
    verwerkingsactiviteit_id, objecttype, soort_object_id, object_id_sealed, betrokkenheid, soorten_gegevens)
SELECT pseudonym, tijdstip_utc, seq, verwerkt_object_id, zichtbaar,
    verwerkingsactiviteit_id, objecttype, soort_object_id, object_id_sealed, betrokkenheid, soorten_gegevens
FROM verwerkt_object ORDER BY seq, verwerkt_object_id;

DROP TABLE verwerkt_object;
ALTER TABLE verwerkt_object_in_volgorde RENAME TO verwerkt_object;
CREATE UNIQUE INDEX verwerkt_object_versie ON verwerkt_object (seq, verwerkt_object_id);
CREATE INDEX verwerkt_object_id ON verwerkt_object (verwerkt_object_id);
CREATE INDEX verwerkt_object_persoon ON verwerkt_object (pseudonym, tijdstip_utc DESC, seq DESC);
