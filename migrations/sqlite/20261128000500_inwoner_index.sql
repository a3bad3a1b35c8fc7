-- A resident's entries lie together: verwerkt_object is clustered on (pseudonym, time), so the
-- first page of one overview reads a few adjacent pages and never another resident's rows.
-- `zichtbaar` marks the rows a resident sees: in the current, not deleted version of an action,
-- `normaal` or `opgeheven`. It is derived, and the only column ever updated (when a newer version
-- of the action arrives); what was logged is never changed. Each row also carries its version's
-- verwerkingsactiviteit_id, so the resident's summary counts from these rows alone.
CREATE TABLE verwerkt_object_per_persoon (
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
    soorten_gegevens TEXT NOT NULL,   -- JSON array of strings
    PRIMARY KEY (pseudonym, tijdstip_utc DESC, seq DESC, verwerkt_object_id)
) WITHOUT ROWID;

INSERT INTO verwerkt_object_per_persoon (pseudonym, tijdstip_utc, seq, verwerkt_object_id, zichtbaar,
    verwerkingsactiviteit_id, objecttype, soort_object_id, object_id_sealed, betrokkenheid, soorten_gegevens)
SELECT o.pseudonym, o.tijdstip_utc, o.seq, o.verwerkt_object_id,
    v.vervallen = FALSE AND v.vertrouwelijkheid IN ('normaal', 'opgeheven')
        AND NOT EXISTS (SELECT 1 FROM actie_versie n WHERE n.actie_id = v.actie_id AND n.seq > v.seq),
    v.verwerkingsactiviteit_id, o.objecttype, o.soort_object_id, o.object_id_sealed, o.betrokkenheid, o.soorten_gegevens
FROM verwerkt_object o JOIN actie_versie v ON v.seq = o.seq;

DROP TABLE verwerkt_object;
ALTER TABLE verwerkt_object_per_persoon RENAME TO verwerkt_object;
CREATE UNIQUE INDEX verwerkt_object_versie ON verwerkt_object (seq, verwerkt_object_id);
CREATE INDEX verwerkt_object_id ON verwerkt_object (verwerkt_object_id);
