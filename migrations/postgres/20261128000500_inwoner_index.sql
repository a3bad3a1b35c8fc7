-- `zichtbaar` marks the rows a resident sees: in the current, not deleted version of an action,
-- `normaal` or `opgeheven`. It is derived, and the only column ever updated (when a newer version
-- of the action arrives); what was logged is never changed. Each row also carries its version's
-- verwerkingsactiviteit_id, so the resident's summary counts from these rows alone. The person index carries every
-- column of the row, so a resident's page is read from the index alone (an index-only scan)
-- and never touches another resident's rows.
ALTER TABLE verwerkt_object ADD COLUMN zichtbaar BOOLEAN;
ALTER TABLE verwerkt_object ADD COLUMN verwerkingsactiviteit_id TEXT;
UPDATE verwerkt_object o SET verwerkingsactiviteit_id = v.verwerkingsactiviteit_id, zichtbaar = (
    v.vervallen = FALSE AND v.vertrouwelijkheid IN ('normaal', 'opgeheven')
    AND NOT EXISTS (SELECT 1 FROM actie_versie n WHERE n.actie_id = v.actie_id AND n.seq > v.seq))
FROM actie_versie v WHERE v.seq = o.seq;
ALTER TABLE verwerkt_object ALTER COLUMN zichtbaar SET NOT NULL;

DROP INDEX verwerkt_object_persoon;
CREATE INDEX verwerkt_object_persoon ON verwerkt_object (pseudonym, tijdstip_utc DESC, seq DESC)
    INCLUDE (zichtbaar, verwerkingsactiviteit_id, verwerkt_object_id, objecttype, soort_object_id, object_id_sealed,
             betrokkenheid, soorten_gegevens);
